export interface WebKitInstall {
  driver: string;
  miniBrowser: string;
  xvfbRun: string;
}
export function findWebKit(): WebKitInstall | undefined;
export function ensureWebKit(): WebKitInstall | undefined;
export const miniBrowserArgs: string[];
