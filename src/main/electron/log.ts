import { join } from 'node:path';
import log from 'electron-log/main';
import { LOG_MAX_BYTES, readLogTail, rotateLogFiles } from '../logging/rotate';

/**
 * Sends the main process's console output to `logs/main.log` in the profile as well, rotated at
 * 5 MB with five old files kept. Everything in main logs through `console`, which is what the
 * tests check for personal data; so nothing new reaches the file that the tests do not see.
 */
export function startFileLog(logsDir: string): {
  file: string;
  tail: (lines: number) => Promise<string[]>;
} {
  const file = join(logsDir, 'main.log');
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = LOG_MAX_BYTES;
  log.transports.file.archiveLogFn = (old) => rotateLogFiles(old.toString());
  log.transports.file.level = 'info';
  log.transports.console.level = false;
  const original = { ...console };
  for (const level of ['log', 'info', 'warn', 'error'] as const) {
    const write = level === 'log' ? log.info : log[level];
    console[level] = (...args: unknown[]) => {
      original[level](...args);
      write(...args);
    };
  }
  log.errorHandler.startCatching({ showDialog: false });
  return { file, tail: (lines) => readLogTail(file, lines) };
}
