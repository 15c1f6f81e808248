import type { ContractImpl } from '../../shared/contract';
import type { PhotoService } from './service';

type PhotoCallName = 'photos.forCase' | 'photos.prioritize' | 'photos.cacheStatus';

/** The contract's photo calls, served by the photo service. */
export function photoCallsImpl(photos: PhotoService): Pick<ContractImpl, PhotoCallName> {
  return {
    'photos.forCase': async ({ caseId }) => photos.forCase(caseId),
    'photos.prioritize': async ({ caseId }) => photos.prioritize(caseId),
    'photos.cacheStatus': async () => photos.status(),
  };
}
