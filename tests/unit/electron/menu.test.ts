import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate, type MenuActions } from '../../../src/main/electron/menu';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((menu) => menu.submenu as MenuItemConstructorOptions[]);
}

const actions = (): MenuActions => ({
  command: vi.fn(),
  lock: vi.fn(),
  signOut: vi.fn(),
});

describe('menuTemplate', () => {
  it('speaks English when the clerk chose English', () => {
    const template = menuTemplate(actions(), { language: 'en', development: false });
    expect(template.map((menu) => menu.label)).toEqual([
      '&File',
      '&Edit',
      '&View',
      '&Window',
      '&Help',
    ]);
  });

  it('shows the keys the page handles without registering them twice', () => {
    const all = items(menuTemplate(actions(), { language: 'de', development: false }));
    const byLabel = (label: string) => all.find((item) => item.label === label);
    expect(byLabel('Tastenkürzel')).toMatchObject({
      accelerator: 'F1',
      registerAccelerator: false,
    });
    expect(byLabel('Einstellungen …')).toMatchObject({
      accelerator: 'CmdOrCtrl+,',
      registerAccelerator: false,
    });
    expect(byLabel('Sperren')).toMatchObject({ registerAccelerator: false });
  });

  it('offers reload and developer tools only in development, updates only when enabled', () => {
    const plain = items(menuTemplate(actions(), { language: 'de', development: false }));
    expect(plain.some((item) => item.role === 'toggleDevTools' || item.role === 'reload')).toBe(
      false,
    );
    expect(plain.some((item) => item.label === 'Nach Updates suchen …')).toBe(false);

    const check = vi.fn();
    const dev = items(
      menuTemplate({ ...actions(), checkForUpdates: check }, { language: 'de', development: true }),
    );
    expect(dev.some((item) => item.role === 'toggleDevTools')).toBe(true);
    const updates = dev.find((item) => item.label === 'Nach Updates suchen …');
    (updates?.click as () => void)();
    expect(check).toHaveBeenCalledTimes(1);
  });
});
