import { useEffect, useRef } from 'react';
import type { AppCommand } from '../../shared/contract';
import { kvue } from './kvue';

/**
 * Calls `onCommand` for each menu item main forwards (`app.command`). The latest callback is used,
 * so a caller may pass an inline function without resubscribing on every render.
 */
export function useAppCommands(onCommand: (command: AppCommand) => void): void {
  const latest = useRef(onCommand);
  useEffect(() => {
    latest.current = onCommand;
  }, [onCommand]);
  useEffect(() => kvue.on('app.command', ({ command }) => latest.current(command)), []);
}
