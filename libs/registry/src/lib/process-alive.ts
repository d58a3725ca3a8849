// Whether a pid on this host still exists. Signal 0 checks without delivering anything; EPERM
// means the process exists but belongs to someone else, which still counts as alive.
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
