import { z } from 'zod';

/** What the menu (or a second start with a link) asks the renderer to do. */
export const APP_COMMANDS = ['settings', 'shortcuts', 'diagnostics', 'about'] as const;
export const appCommandSchema = z.object({ command: z.enum(APP_COMMANDS) });
export type AppCommand = z.infer<typeof appCommandSchema>['command'];

/** A `kvue://case/<id>` link to open in the queue. */
export const openCaseSchema = z.object({ caseId: z.uuid() });
export type OpenCase = z.infer<typeof openCaseSchema>;

export const diagnosticsExportSchema = z.discriminatedUnion('status', [
  /** The desktop app asked where to save and wrote the file there. */
  z.object({ status: z.literal('saved'), path: z.string() }),
  z.object({ status: z.literal('cancelled') }),
  /** The browser host cannot write to the clerk's disk: the renderer offers it as a download. */
  z.object({ status: z.literal('download'), fileName: z.string(), content: z.string() }),
]);
export type DiagnosticsExport = z.infer<typeof diagnosticsExportSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Electron, Chromium, Node; absent entries where the host has none (the browser host). */
  versions: z.record(z.string(), z.string()),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

const noInput = z.strictObject({});

export const appCalls = {
  'app.info': { input: noInput, output: appInfoSchema },
  /**
   * The case a link asked for before the renderer could show it (at start, or while locked), once;
   * null when there is none.
   */
  'app.takeOpenCase': { input: noInput, output: openCaseSchema.nullable() },
  /** Versions, settings and sync state for support, without personal data. */
  'diagnostics.export': { input: noInput, output: diagnosticsExportSchema },
} as const;
