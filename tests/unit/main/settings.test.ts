import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveSettings } from '../../../src/main/settings/resolve';
import { SettingsService } from '../../../src/main/settings/service';
import { dispatchCall } from '../../../src/main/contract/dispatch';
import { settingsCallsImpl } from '../../../src/main/settings/calls';
import { ContractError, DEFAULT_SETTINGS, type ContractImpl } from '../../../src/shared/contract';

const missing = { kind: 'missing' } as const;
const read = (data: unknown) => ({ kind: 'read', data }) as const;

describe('resolveSettings', () => {
  it('gives the defaults without files: German, notices on, 2 GB photos, lock after 10 min', () => {
    const resolved = resolveSettings({ preset: missing, user: missing });
    expect(resolved.values).toEqual(DEFAULT_SETTINGS);
    expect(resolved.values).toMatchObject({
      serverUrl: null,
      language: 'de',
      idleLockMinutes: 10,
      updatesEnabled: false,
    });
    expect(resolved.issues).toEqual([]);
    // What only an administrator sets is never the clerk's to change.
    expect(resolved.locked).toEqual(['retentionDays', 'updatesEnabled', 'updateUrl']);
  });

  it('lets the preset set and lock values, and the clerk change the rest', () => {
    const resolved = resolveSettings({
      preset: read({
        settings: {
          serverUrl: 'https://kvue.stadt.example/',
          idleLockMinutes: 5,
          retentionDays: 14,
        },
        locked: ['serverUrl'],
      }),
      user: read({ serverUrl: 'https://elsewhere.example', idleLockMinutes: 20, language: 'en' }),
    });
    expect(resolved.values).toMatchObject({
      serverUrl: 'https://kvue.stadt.example',
      idleLockMinutes: 20,
      language: 'en',
      retentionDays: 14,
    });
    expect(resolved.sources).toMatchObject({
      serverUrl: 'preset',
      idleLockMinutes: 'user',
      language: 'user',
      retentionDays: 'preset',
      photoCacheMb: 'default',
    });
    expect(resolved.locked).toContain('serverUrl');
  });

  it('costs a bad value only that value, and names it', () => {
    const resolved = resolveSettings({
      preset: read({
        settings: {
          serverUrl: 'ftp://kvue',
          photoCacheMb: 5,
          language: 'de',
          colour: 'blue',
          updateUrl: 'http://updates.stadt.example',
        },
        locked: ['nonsense'],
        extra: true,
      }),
      user: read({ idleLockMinutes: -1, retentionDays: 999, language: 'fr', notifications: false }),
    });
    expect(resolved.values).toMatchObject({
      serverUrl: null,
      photoCacheMb: DEFAULT_SETTINGS.photoCacheMb,
      language: 'de',
      idleLockMinutes: DEFAULT_SETTINGS.idleLockMinutes,
      retentionDays: DEFAULT_SETTINGS.retentionDays,
      notifications: false,
      updateUrl: null,
    });
    const named = resolved.issues.map((issue) => `${issue.file}:${issue.key}:${issue.code}`);
    expect(named).toEqual(
      expect.arrayContaining([
        'preset:serverUrl:invalid_value',
        'preset:photoCacheMb:invalid_value',
        'preset:colour:unknown_setting',
        'preset:updateUrl:invalid_value',
        'preset:locked:unknown_setting',
        'preset:extra:unknown_entry',
        'user:idleLockMinutes:invalid_value',
        'user:retentionDays:admin_only',
        'user:language:invalid_value',
      ]),
    );
    expect(named).toHaveLength(9);
  });

  it('refuses server addresses a clerk could be tricked with', () => {
    for (const serverUrl of [
      'javascript:alert(1)',
      'file:///C:/Windows',
      'https://user:pw@kvue.example',
      'https://kvue.example/?next=evil',
      'kvue.example',
    ]) {
      const resolved = resolveSettings({ preset: missing, user: read({ serverUrl }) });
      expect(resolved.values.serverUrl, serverUrl).toBeNull();
      expect(resolved.issues, serverUrl).toHaveLength(1);
    }
  });

  it('lets the environment win over everything, and locks what it sets', () => {
    const resolved = resolveSettings({
      preset: read({ settings: { idleLockMinutes: 5 }, locked: ['idleLockMinutes'] }),
      user: missing,
      environment: { idleLockMinutes: 0, serverUrl: 'http://127.0.0.1:4100' },
    });
    expect(resolved.values).toMatchObject({
      idleLockMinutes: 0,
      serverUrl: 'http://127.0.0.1:4100',
    });
    expect(resolved.sources.serverUrl).toBe('environment');
    expect(resolved.locked).toEqual(expect.arrayContaining(['idleLockMinutes', 'serverUrl']));
  });

  it('reports an unreadable file and goes on with the defaults', () => {
    const resolved = resolveSettings({
      preset: { kind: 'unreadable', message: 'not valid JSON' },
      user: read(['not', 'an', 'object']),
    });
    expect(resolved.values).toEqual(DEFAULT_SETTINGS);
    expect(resolved.issues).toEqual([
      { file: 'preset', key: null, code: 'unreadable', message: 'not valid JSON' },
      { file: 'user', key: null, code: 'not_object', message: 'must hold a JSON object' },
    ]);
  });
});

describe('SettingsService', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kvue-settings-'));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it('saves the clerk changes in the profile and reads them at the next start', async () => {
    const userFile = join(dir, 'profile', 'settings.json');
    const first = new SettingsService({ userFile });
    const changed: unknown[] = [];
    first.onChange((view) => changed.push(view.values.language));
    const view = await first.update({ language: 'en', idleLockMinutes: 3, photoCacheMb: 800 });
    expect(view.values).toMatchObject({ language: 'en', idleLockMinutes: 3, photoCacheMb: 800 });
    expect(view.restartPending).toBe(false);
    expect(changed).toEqual(['en']);
    expect(JSON.parse(readFileSync(userFile, 'utf8'))).toEqual({
      language: 'en',
      idleLockMinutes: 3,
      photoCacheMb: 800,
    });
    expect(new SettingsService({ userFile }).values).toMatchObject({
      language: 'en',
      photoCacheMb: 800,
    });
  });

  it('keeps the server in effect until a restart, and says a restart is pending', async () => {
    const restart = vi.fn();
    const service = new SettingsService({ userFile: join(dir, 'settings.json'), restart });
    const view = await service.update({ serverUrl: 'https://kvue.stadt.example/' });
    expect(view.saved.serverUrl).toBe('https://kvue.stadt.example');
    expect(view.values.serverUrl).toBeNull();
    expect(service.values.serverUrl).toBeNull();
    expect(view.restartPending).toBe(true);
    expect(view.canRestart).toBe(true);
    expect(service.restart()).toBe(true);
    expect(restart).toHaveBeenCalledTimes(1);
    expect(new SettingsService({ userFile: join(dir, 'settings.json') }).values.serverUrl).toBe(
      'https://kvue.stadt.example',
    );
  });

  it('refuses to change what the administrator locked, and changes nothing then', async () => {
    const presetFile = join(dir, 'kvue-desk.config.json');
    writeFileSync(
      presetFile,
      JSON.stringify({ settings: { idleLockMinutes: 5 }, locked: ['idleLockMinutes'] }),
    );
    const userFile = join(dir, 'settings.json');
    const service = new SettingsService({ userFile, presetFile });
    await expect(service.update({ idleLockMinutes: 60, language: 'en' })).rejects.toThrow(
      ContractError,
    );
    expect(service.values).toMatchObject({ idleLockMinutes: 5, language: 'de' });
    expect(existsSync(userFile)).toBe(false);
  });

  it('keeps a copy of a damaged profile file and starts on the defaults', async () => {
    const userFile = join(dir, 'settings.json');
    writeFileSync(userFile, '{"language": "en",');
    const service = new SettingsService({ userFile });
    expect(service.values).toEqual(DEFAULT_SETTINGS);
    expect(service.view().issues).toEqual([
      {
        file: 'user',
        key: null,
        code: 'unreadable',
        message: expect.stringContaining('not valid JSON'),
      },
    ]);
    expect(readFileSync(`${userFile}.damaged`, 'utf8')).toBe('{"language": "en",');
    await service.update({ language: 'en' });
    expect(JSON.parse(readFileSync(userFile, 'utf8'))).toEqual({ language: 'en' });
  });

  it('reads the example preset shipped for IT without a single issue', () => {
    const service = new SettingsService({ presetFile: 'resources/kvue-desk.config.example.json' });
    expect(service.view().issues).toEqual([]);
    expect(service.values.serverUrl).toBe('https://kvue.stadt.example');
    expect(service.view().locked).toEqual(expect.arrayContaining(['serverUrl', 'idleLockMinutes']));
  });

  it('reads a preset saved by Notepad with a byte-order mark', () => {
    const presetFile = join(dir, 'kvue-desk.config.json');
    writeFileSync(presetFile, `\uFEFF${JSON.stringify({ settings: { language: 'en' } })}`);
    expect(new SettingsService({ presetFile }).values.language).toBe('en');
  });

  it('through the contract: bad input and admin-only keys are refused with a clear error', async () => {
    const userFile = join(dir, 'settings.json');
    const impl = settingsCallsImpl(new SettingsService({ userFile })) as unknown as ContractImpl;
    for (const input of [
      {},
      { retentionDays: 999 },
      { updatesEnabled: true },
      { idleLockMinutes: 'zehn' },
      { photoCacheMb: 1 },
      { serverUrl: 'ftp://x' },
      { language: 'fr' },
      { colour: 'blue' },
    ]) {
      const result = await dispatchCall(impl, 'settings.update', input);
      expect(result, JSON.stringify(input)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    expect(existsSync(userFile)).toBe(false);
    const ok = await dispatchCall(impl, 'settings.update', { doNotDisturb: true });
    expect(ok).toMatchObject({ ok: true, value: { values: { doNotDisturb: true } } });
  });
});
