import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DiagnosticsExport, SettingsView, UserSettingsPatch } from '../../shared/contract';
import { kvue } from './kvue';
import { queryKeys } from './query-keys';

/** The settings in effect and as saved; kept current by `settings.changed`. */
export function useSettings() {
  return useQuery({
    queryKey: queryKeys.settings,
    queryFn: () => kvue.settings.get({}),
    staleTime: Infinity,
  });
}

export function useUpdateSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: UserSettingsPatch) => kvue.settings.update(patch),
    onSuccess: (view: SettingsView) => client.setQueryData(queryKeys.settings, view),
  });
}

export function useRestart() {
  return useMutation({ mutationFn: () => kvue.settings.restart({}) });
}

/**
 * Exports the diagnostics bundle. The desktop app saves it through its own dialog; in a browser
 * the bundle comes back and is offered as a download here.
 */
export function useExportDiagnostics() {
  return useMutation({
    mutationFn: async (): Promise<DiagnosticsExport> => {
      const result = await kvue.diagnostics.export({});
      if (result.status === 'download') download(result.fileName, result.content);
      return result;
    },
  });
}

function download(fileName: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download by the time the next task runs.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
