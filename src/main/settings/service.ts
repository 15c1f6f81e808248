import { copyFileSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  ContractError,
  RESTART_SETTINGS,
  type Settings,
  type SettingsView,
  type UserSettingsPatch,
} from '../../shared/contract';
import {
  type RawSettingsFile,
  type ResolvedSettings,
  type ResolveInput,
  resolveSettings,
} from './resolve';

/** Beyond this a settings file is not something a person wrote. */
const FILE_MAX_BYTES = 64 * 1024;

export interface SettingsServiceOptions {
  /** The clerk's settings in the profile (`settings.json` in userData); absent: memory only. */
  userFile?: string;
  /** The administrator's preset next to the installation; absent: none. */
  presetFile?: string;
  /** Fixed for this run, shown as locked (environment variables). */
  environment?: Partial<Settings>;
  /** This host's defaults over the built-in ones; the clerk may change them. */
  defaults?: Partial<Settings>;
  /** Restarts the host so that saved settings take effect; absent where it cannot (browser host). */
  restart?: () => void;
}

const RESTART_KEYS: ReadonlySet<string> = new Set(RESTART_SETTINGS);

/**
 * The console's settings: read once at start, changed by the clerk through the settings screen.
 * Values that need a restart (the server, and what only an administrator sets) are saved at once
 * but stay in effect unchanged until then, so a half-switched console never exists.
 */
export class SettingsService {
  private resolved: ResolvedSettings;
  private current: Settings;
  private userData: Record<string, unknown>;
  private readonly listeners = new Set<(view: SettingsView) => void>();
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SettingsServiceOptions = {}) {
    const user = readSettingsFile(options.userFile);
    if (user.kind === 'unreadable' && options.userFile) keepDamagedCopy(options.userFile);
    this.userData = user.kind === 'read' && isRecord(user.data) ? { ...user.data } : {};
    this.resolved = resolveSettings({
      ...this.fixed(),
      preset: readSettingsFile(options.presetFile),
      user,
    });
    this.current = { ...this.resolved.values };
    for (const issue of this.resolved.issues) {
      // The value's text is left out: a mistyped server address may hold anything.
      console.warn(`[settings] ${issue.file} file: ${issue.key ?? '(file)'}: ${issue.message}`);
    }
  }

  /** In effect now. */
  get values(): Settings {
    return this.current;
  }

  view(): SettingsView {
    const saved = this.resolved.values;
    return {
      values: { ...this.current },
      saved: { ...saved },
      sources: { ...this.resolved.sources },
      locked: [...this.resolved.locked],
      issues: [...this.resolved.issues],
      restartPending: [...RESTART_KEYS].some(
        (key) => saved[key as keyof Settings] !== this.current[key as keyof Settings],
      ),
      canRestart: this.options.restart !== undefined,
      files: { user: this.options.userFile ?? null, preset: this.options.presetFile ?? null },
    };
  }

  /** Saves the clerk's changes; the file is replaced whole, so a crash leaves the old or the new one. */
  update(patch: UserSettingsPatch): Promise<SettingsView> {
    const run = this.writing.then(() => this.apply(patch));
    this.writing = run.catch(() => undefined);
    return run;
  }

  restart(): boolean {
    if (!this.options.restart) return false;
    this.options.restart();
    return true;
  }

  onChange(listener: (view: SettingsView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fixed(): Pick<ResolveInput, 'environment' | 'defaults'> {
    const { environment, defaults } = this.options;
    return { ...(environment ? { environment } : {}), ...(defaults ? { defaults } : {}) };
  }

  private async apply(patch: UserSettingsPatch): Promise<SettingsView> {
    const lockedKeys = Object.keys(patch).filter((key) =>
      (this.resolved.locked as string[]).includes(key),
    );
    if (lockedKeys.length > 0) {
      throw new ContractError(
        'forbidden',
        `Set by the administrator, not changeable here: ${lockedKeys.join(', ')}`,
      );
    }
    const userData = { ...this.userData, ...patch };
    const resolved = resolveSettings({
      ...this.fixed(),
      preset: readSettingsFile(this.options.presetFile),
      user: { kind: 'read', data: userData },
    });
    if (this.options.userFile) await writeAtomically(this.options.userFile, userData);
    this.userData = userData;
    this.resolved = resolved;
    for (const [key, value] of Object.entries(resolved.values)) {
      if (!RESTART_KEYS.has(key)) (this.current as Record<string, unknown>)[key] = value;
    }
    const view = this.view();
    for (const listener of this.listeners) {
      try {
        listener(view);
      } catch (error) {
        console.error('[settings] listener failed', error);
      }
    }
    return view;
  }
}

/** Reads a settings file without ever throwing: a broken file is reported, not fatal. */
export function readSettingsFile(path: string | undefined): RawSettingsFile {
  if (!path) return { kind: 'missing' };
  let text: string;
  try {
    const bytes = readFileSync(path);
    if (bytes.length > FILE_MAX_BYTES) {
      return { kind: 'unreadable', message: `larger than ${FILE_MAX_BYTES} bytes` };
    }
    text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', message: `cannot be read (${(error as Error).message})` };
  }
  try {
    return { kind: 'read', data: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'unreadable', message: `not valid JSON (${(error as Error).message})` };
  }
}

// Saving would overwrite the damaged file; a copy lets support see what was there.
function keepDamagedCopy(path: string): void {
  try {
    copyFileSync(path, `${path}.damaged`);
  } catch (error) {
    console.warn('[settings] could not keep a copy of the damaged settings file', error);
  }
}

async function writeAtomically(path: string, data: Record<string, unknown>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(data, null, 2)}\n`, 'utf8');
  await rename(temp, path);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
