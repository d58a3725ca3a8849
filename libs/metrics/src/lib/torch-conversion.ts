// Converting public PyTorch checkpoints into our safetensors layout (tools/weights/README.md).
// PyTorch stores conv weights OIHW / OIDHW and linear weights [out, in]; tfjs wants channels-last
// HWIO / DHWIO and [in, out]. Names: pytorch-i3d's are ours already (I3d keeps them); torchvision's
// VGG16 `features.N` and the lpips package's heads `linK.model.1` map onto Vgg16 / Lpips.
import { loadCheckpoint, saveCheckpoint, tf, type SavedCheckpoint } from '@lddm/runtime';

/** Which network the converted file is for. */
export type ConversionTarget = 'i3d' | 'vgg16' | 'lpips-vgg16';

/** Our name for a PyTorch name, or undefined for tensors we do not use (classifier, counters). */
export function mapTorchName(target: ConversionTarget, name: string): string | undefined {
  if (name.endsWith('num_batches_tracked')) return undefined;
  if (target === 'i3d') return name;
  // torchvision vgg16 (features.N.*) or the lpips package's whole model (net.sliceK.N.*).
  const trunk = /^(?:features|net\.slice\d)\.(\d+)\.(weight|bias)$/.exec(name);
  if (trunk !== null) return `${target === 'lpips-vgg16' ? 'net.' : ''}features.${trunk[1]}.${trunk[2]}`;
  const head = /^lin(\d)\.model\.1\.weight$/.exec(name);
  if (head !== null && target === 'lpips-vgg16') return `lin${head[1]}.weight`;
  return undefined;
}

/** PyTorch layout -> channels-last: OIDHW -> DHWIO, OIHW -> HWIO, [out, in] -> [in, out]. */
export function torchToChannelsLast(tensor: tf.Tensor): tf.Tensor {
  switch (tensor.rank) {
    case 5:
      return tf.transpose(tensor, [2, 3, 4, 1, 0]);
    case 4:
      return tf.transpose(tensor, [2, 3, 1, 0]);
    case 2:
      return tf.transpose(tensor, [1, 0]);
    default:
      return tf.clone(tensor);
  }
}

export interface ConversionResult extends SavedCheckpoint {
  converted: string[];
  dropped: string[];
}

/**
 * Reads PyTorch-saved safetensors files (several for LPIPS: torchvision's VGG16 and the lpips
 * heads), maps names and layouts, and writes one safetensors file for loadExtractorWeights.
 */
export async function convertTorchCheckpoint(inputs: readonly string[], target: ConversionTarget, output: string): Promise<ConversionResult> {
  const weights: Record<string, tf.Tensor> = {};
  const converted: string[] = [];
  const dropped: string[] = [];
  try {
    for (const input of inputs) {
      const loaded = await loadCheckpoint(input);
      for (const [name, tensor] of Object.entries(loaded.weights)) {
        const ours = mapTorchName(target, name);
        if (ours === undefined) dropped.push(name);
        else if (ours in weights) throw new Error(`convertTorchCheckpoint: "${ours}" comes from more than one input tensor (last: ${name} in ${input})`);
        else {
          weights[ours] = torchToChannelsLast(tensor);
          converted.push(name);
        }
        tensor.dispose();
      }
    }
    if (converted.length === 0) throw new Error(`convertTorchCheckpoint: no tensor of ${inputs.join(', ')} maps to ${target}`);
    const saved = await saveCheckpoint(output, { weights, meta: { 'converted.target': target, 'converted.from': inputs.join(', ') } });
    return { ...saved, converted, dropped };
  } finally {
    tf.dispose(Object.values(weights));
  }
}
