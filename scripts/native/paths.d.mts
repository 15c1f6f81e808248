export interface ElectronTarget {
  electronVersion: string;
  platform: string;
  arch: string;
}

export function electronTargetName(target: ElectronTarget): string;
export function electronBindingDir(root: string, target: ElectronTarget): string;
export function electronBindingPath(root: string, target: ElectronTarget): string;
export function electronBindingStampPath(root: string, target: ElectronTarget): string;
