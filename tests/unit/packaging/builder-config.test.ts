import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration, NsisOptions, WindowsConfiguration } from 'electron-builder';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ICON_SIZES } from '../../../scripts/packaging/icons';
import { APP_USER_MODEL_ID, PRESET_FILE_NAME } from '../../../src/main/electron/config';
import { LINK_SCHEME } from '../../../src/main/links/case-link';
import { readIco } from './ico';
import { coveredBy, dependencyClosure, hasNativeCode, importedPackages } from './package-tree';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Configuration;
const win: WindowsConfiguration = config.win ?? {};
const nsis: NsisOptions = config.nsis ?? {};
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

const asArray = <T>(value: T | T[] | null | undefined): T[] =>
  value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
const stringsOf = (value: unknown): string[] =>
  asArray(value).filter((item): item is string => typeof item === 'string');

// electron-builder validates with app-builder-lib's schema (scheme.json) before it builds; the
// same function, from the copy electron-builder itself loads.
const builderRequire = createRequire(
  createRequire(import.meta.url).resolve('electron-builder/package.json'),
);
const libRequire = createRequire(builderRequire.resolve('app-builder-lib/package.json'));
const { validateConfiguration } = libRequire('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: Configuration, debugLogger: object): Promise<void>;
};
const { DebugLogger } = libRequire('builder-util') as {
  DebugLogger: new (enabled: boolean) => object;
};
// The validator coerces types in place; each check gets its own copy.
const validate = (candidate: Configuration) =>
  validateConfiguration(structuredClone(candidate), new DebugLogger(false));

describe('electron-builder.yml', () => {
  // Compiling the schema takes a few seconds the first time.
  it("passes electron-builder's own configuration schema", { timeout: 30_000 }, async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('would fail that check on a mistyped option', { timeout: 30_000 }, async () => {
    const typo = { ...config, nsis: { ...nsis, perMachin: true } } as Configuration;
    await expect(validate(typo)).rejects.toThrow(/configuration\.nsis\b/);
  });

  it('gives the shortcut the id the running app claims, so Windows shows its notifications', () => {
    expect(config.appId).toBe(APP_USER_MODEL_ID);
  });

  it('installs per user without administrator rights, and per machine on request', () => {
    expect(win.requestedExecutionLevel).toBe('asInvoker');
    expect(nsis.oneClick).toBe(false);
    // Assisted installer without perMachine: the install-mode page, "only for me" preselected.
    expect(nsis.perMachine).toBe(false);
    expect(nsis.selectPerMachineByDefault ?? false).toBe(false);
    expect(nsis.allowElevation).toBe(true);
  });

  it('keeps the registry identity that docs/packaging.md gives IT for detection', () => {
    expect(nsis.guid).toMatch(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);
    const packagingDoc = readFileSync(join(root, 'docs', 'packaging.md'), 'utf8');
    expect(packagingDoc).toContain(`CurrentVersion\\Uninstall\\${nsis.guid}`);
  });

  it("keeps the clerk's profile, and so unsent work, on uninstall", () => {
    expect(nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('builds an x64 NSIS installer named after the version', () => {
    const targets = asArray(win.target).map((target) =>
      typeof target === 'string' ? { target, arch: undefined } : target,
    );
    expect(targets).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(nsis.artifactName).toContain('${version}');
  });

  it('is built by `npm run dist:win` from a fresh build', () => {
    const script = packageJson.scripts['dist:win'] ?? '';
    expect(script).toMatch(/\belectron-builder\b.*\s--win\b/);
    // electron-builder packs out/ as it finds it.
    expect(script.indexOf('electron-vite build')).toBeGreaterThanOrEqual(0);
    expect(script.indexOf('electron-vite build')).toBeLessThan(script.indexOf('electron-builder'));
  });
});

describe('packed files', () => {
  const files = stringsOf(config.files);
  const included = files.filter((pattern) => !pattern.startsWith('!'));
  const excluded = files.filter((pattern) => pattern.startsWith('!'));
  // Everything electron-builder would pack from node_modules: the production dependency tree.
  const packed = dependencyClosure(root, Object.keys(packageJson.dependencies)).filter(
    (pkg) => !coveredBy(pkg.path, excluded),
  );

  it('are the build output and package.json, and include the entry point', () => {
    for (const pattern of included) expect(pattern).toMatch(/^(out\/|package\.json$)/);
    expect(coveredBy(dirname(packageJson.main), included)).toBe(true);
  });

  it('leave out no package the main process needs at run time', () => {
    // electron-vite bundles src/main with src/shared and the demo server, and keeps npm packages
    // external: these are required from node_modules at run time.
    const mainSide = ['src/main', 'src/shared', 'src/server', 'scripts/native'].map((dir) =>
      join(root, dir),
    );
    const needed = dependencyClosure(root, importedPackages(mainSide));
    expect(needed.map((pkg) => pkg.name)).toContain('better-sqlite3');
    expect(needed.filter((pkg) => coveredBy(pkg.path, excluded))).toEqual([]);
  });

  it('unpack every package with native code from the archive', () => {
    const native = packed.filter((pkg) => hasNativeCode(join(root, pkg.path)));
    // The scan must see the modules the console is known to load natively.
    expect(native.map((pkg) => pkg.name)).toEqual(
      expect.arrayContaining(['better-sqlite3', 'argon2', 'sharp']),
    );
    const unpacked = stringsOf(config.asarUnpack);
    expect(config.asar).toBe(true);
    expect(native.filter((pkg) => !coveredBy(pkg.path, unpacked))).toEqual([]);
    // sharp's binaries for the build machine's platform (Windows there) sit under @img.
    expect(coveredBy('node_modules/@img/sharp-win32-x64', unpacked)).toBe(true);
  });

  it('are rebuilt for Electron, then get their fuses from the afterPack hook', () => {
    expect(config.npmRebuild).toBe(true);
    expect(typeof config.afterPack).toBe('string');
    const hook = resolve(root, String(config.afterPack));
    expect(existsSync(hook)).toBe(true);
    expect(typeof createRequire(import.meta.url)(hook)).toBe('function');
  });

  it("name the profile folder the way docs/settings.md tells IT (Electron's app name)", () => {
    const productName = (config.extraMetadata as { productName?: string } | undefined)?.productName;
    expect(productName).toBeTruthy();
    const settingsDoc = readFileSync(join(root, 'docs', 'settings.md'), 'utf8');
    expect(settingsDoc).toContain(`%APPDATA%\\${productName}\\`);
  });

  it('put the example preset beside the executable, where the preset is read from', () => {
    const extra = asArray(config.extraFiles).filter((item) => typeof item !== 'string');
    const example = extra.find(
      (item) => item.to === PRESET_FILE_NAME.replace(/\.json$/, '.example.json'),
    );
    expect(example).toBeDefined();
    expect(existsSync(join(root, example?.from ?? ''))).toBe(true);
  });
});

describe('icons', () => {
  it('give Windows an .ico with every size up to 256 × 256', async () => {
    expect(win.icon).toBeTruthy();
    const images = await readIco(readFileSync(join(root, win.icon ?? '')));
    for (const image of images) {
      expect([image.width, image.height]).toEqual([image.listed, image.listed]);
    }
    expect(images.map((image) => image.width)).toContain(256);
    // The committed file is what `npm run icons` makes today.
    expect(images.map((image) => image.width)).toEqual([...ICON_SIZES.ico]);
  });

  it('include a 512 × 512 PNG', async () => {
    const { width, height, format } = await sharp(join(root, 'resources', 'icon.png')).metadata();
    expect({ width, height, format }).toEqual({ width: 512, height: 512, format: 'png' });
  });
});

describe('installer script', () => {
  const installerScript = readFileSync(join(root, nsis.include ?? ''), 'utf8');
  const defines = new Map(
    [...installerScript.matchAll(/^!define\s+(\w+)\s+"([^"]*)"/gm)].map(
      ([, name, value]) => [name ?? '', value ?? ''] as const,
    ),
  );
  /** A macro's body with this file's own defines filled in (electron-builder's stay as they are). */
  const macro = (name: string): string => {
    const body = new RegExp(`^!macro ${name}\\n([\\s\\S]*?)^!macroend`, 'm').exec(installerScript);
    return (body?.[1] ?? '').replace(
      /\$\{(\w+)\}/g,
      (text, define: string) => defines.get(define) ?? text,
    );
  };

  describe('kvue:// links', () => {
    const schemes = asArray(config.protocols).flatMap((protocol) => protocol.schemes);

    it('use the scheme the console parses', () => {
      expect(schemes).toContain(LINK_SCHEME);
    });

    // electron-builder writes `protocols` into macOS's Info.plist only; Windows needs the script.
    it.each(schemes)('%s: is registered for whoever the console is installed for', (scheme) => {
      const key = `Software\\Classes\\${scheme}`;
      const install = macro('customInstall');
      expect(install).toContain(`WriteRegStr SHELL_CONTEXT "${key}" "URL Protocol" ""`);
      expect(install).toContain(
        `WriteRegStr SHELL_CONTEXT "${key}\\shell\\open\\command" "" '"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}" "%1"'`,
      );
      // HKLM or HKCR would need administrator rights and ignore a per-user installation.
      expect(install).not.toMatch(/\bHK(LM|CR|EY_LOCAL_MACHINE|EY_CLASSES_ROOT)\b/);
    });

    it.each(schemes)('%s: is removed on uninstall, but not by an update', (scheme) => {
      const uninstall = macro('customUnInstall');
      const guard = uninstall.indexOf('${ifNot} ${isUpdated}');
      const removal = uninstall.indexOf(
        `DeleteRegKey SHELL_CONTEXT "Software\\Classes\\${scheme}"`,
      );
      expect(guard).toBeGreaterThanOrEqual(0);
      expect(removal).toBeGreaterThan(guard);
    });
  });

  it("carries the administrator's preset over when an update empties the folder", () => {
    const preset = PRESET_FILE_NAME;
    expect(macro('customInit')).toContain(`CopyFiles /SILENT "$INSTDIR\\${preset}" "$PLUGINSDIR"`);
    expect(macro('customInstall')).toContain(
      `CopyFiles /SILENT "$PLUGINSDIR\\${preset}" "$INSTDIR"`,
    );
  });
});

describe('updates', () => {
  const publish = asArray(config.publish);

  it('are described for the generic provider, with an address that can never answer', () => {
    expect(publish).toHaveLength(1);
    const [provider] = publish;
    expect(typeof provider === 'object' && provider?.provider).toBe('generic');
    const url = typeof provider === 'object' && provider && 'url' in provider ? provider.url : '';
    // The administrator's updateUrl replaces it at run time (src/main/electron/updates.ts).
    expect(new URL(url).hostname).toMatch(/\.invalid$/);
    expect(config.generateUpdatesFilesForAllChannels).toBe(false);
  });
});
