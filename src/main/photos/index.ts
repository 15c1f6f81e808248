export { DEFAULT_PHOTO_CACHE_BYTES, PhotoService, type PhotoServiceOptions } from './service';
export { parsePhotoTarget, isPhotoHash, type PhotoTarget } from './hash';
export type { OpenedPhoto, PhotoFiles } from './resolver';
