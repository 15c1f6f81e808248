import { Dialog, DialogSurface, makeStyles } from '@fluentui/react-components';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { useAppCommands } from '../../api/use-app-commands';
import { AboutBox } from './AboutBox';
import { ShortcutsOverview } from './ShortcutsOverview';
import { isOverviewKey } from './shortcuts';

const useStyles = makeStyles({
  shortcuts: { width: '720px', maxWidth: 'calc(100vw - 32px)' },
  about: { width: '440px', maxWidth: 'calc(100vw - 32px)' },
});

type HelpKind = 'shortcuts' | 'about';

/**
 * Puts the focus back where it was once the dialog has gone. Fluent restores focus only to its
 * own trigger, and these dialogs open from a key or the desktop menu, which have none.
 */
function ReturnFocusOnUnmount({ to }: { to: RefObject<HTMLElement | null> }) {
  useEffect(
    () => () => {
      const active = document.activeElement;
      // Someone else (another dialog, a click) has placed the focus meanwhile: leave it there.
      if (active && active !== document.body) return;
      const element = to.current;
      if (element?.isConnected) element.focus();
    },
    [to],
  );
  return null;
}

/**
 * The keyboard-shortcut overview (F1 anywhere, or the menu "Hilfe → Tastenkürzel") and the about
 * box (menu "Hilfe → Über …"). One dialog at a time; asking for the other switches it.
 */
export function HelpCenter() {
  const styles = useStyles();
  // The kind stays while the dialog animates out, so its content does not change as it fades.
  const [state, setState] = useState<{ kind: HelpKind; open: boolean }>({
    kind: 'shortcuts',
    open: false,
  });
  const returnTo = useRef<HTMLElement | null>(null);
  const isOpen = useRef(false);

  const show = useCallback((kind: HelpKind) => {
    if (!isOpen.current) {
      const active = document.activeElement;
      returnTo.current = active instanceof HTMLElement && active !== document.body ? active : null;
    }
    isOpen.current = true;
    setState({ kind, open: true });
  }, []);
  const close = useCallback(() => {
    isOpen.current = false;
    setState((current) => ({ ...current, open: false }));
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isOverviewKey(event)) return;
      // The browser's own help would open in a new window otherwise.
      event.preventDefault();
      show('shortcuts');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [show]);

  useAppCommands((command) => {
    if (command === 'shortcuts' || command === 'about') show(command);
  });

  return (
    <Dialog
      // Asking for the other kind while one is open replaces the dialog, so the new one takes the
      // focus as on any opening instead of leaving it on the content that just went away.
      key={state.kind}
      open={state.open}
      onOpenChange={(_event, data) => !data.open && close()}
    >
      <DialogSurface
        className={state.kind === 'shortcuts' ? styles.shortcuts : styles.about}
        aria-describedby={undefined}
        data-testid={state.kind === 'shortcuts' ? 'help-shortcuts' : 'help-about'}
      >
        <ReturnFocusOnUnmount to={returnTo} />
        {state.kind === 'shortcuts' ? <ShortcutsOverview /> : <AboutBox />}
      </DialogSurface>
    </Dialog>
  );
}
