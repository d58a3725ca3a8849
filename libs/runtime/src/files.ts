// @lddm/runtime/files: durable file writes and file hashes, without loading tfjs (the registry,
// the CLIs' output and the data readers use them; so do checkpoints).
export { syncDirectory, writeFileAtomic, writeFileAtomicSync, WriteError } from './lib/files/atomic-write';
export { hashFileSync } from './lib/files/file-hash';
