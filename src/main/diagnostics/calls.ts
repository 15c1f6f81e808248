import type { ContractImpl } from '../../shared/contract';
import { collectDiagnostics, diagnosticsFileName, type DiagnosticsSources } from './collect';

/**
 * Writes the bundle where the clerk chooses (the desktop app's save dialog); returns the path, or
 * null when the clerk cancelled.
 */
export type SaveDiagnostics = (fileName: string, content: string) => Promise<string | null>;

export function diagnosticsCallsImpl(
  sources: () => DiagnosticsSources,
  save: SaveDiagnostics | undefined,
): Pick<ContractImpl, 'diagnostics.export'> {
  return {
    'diagnostics.export': async () => {
      const source = sources();
      const content = await collectDiagnostics(source);
      const fileName = diagnosticsFileName((source.now ?? (() => new Date()))());
      if (!save) return { status: 'download', fileName, content };
      const path = await save(fileName, content);
      return path === null ? { status: 'cancelled' } : { status: 'saved', path };
    },
  };
}
