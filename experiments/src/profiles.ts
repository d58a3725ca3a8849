// nx run experiments:profiles: loads and validates every profile in experiments/profiles.
import { defaultProfilesDir, latentShape, listProfiles, loadProfile } from '@lddm/config';
import { defineCommand, firstLine, main } from '@lddm/cli-kit';
import { z } from 'zod';

const check = defineCommand({
  command: '$0',
  describe: 'Validate every profile in experiments/profiles (exit 1 if any is invalid).',
  schema: z.object({}),
  handler: (_args, ctx) => {
    const names = listProfiles(defaultProfilesDir());
    let bad = 0;
    for (const name of names) {
      try {
        const p = loadProfile(name);
        const grid = p.grid.models.length * p.grid.ratios.length * p.grid.regimes.length * p.grid.seeds;
        ctx.print(
          `ok    ${name.padEnd(8)} ${p.data.imageSize} px x ${p.data.framesPerClip} frames, ${p.data.phantom.videos} videos, ` +
            `z ${JSON.stringify(latentShape(p.lddm.stage1, p.data))}, encoder ${p.lddm.stage1.encoder.channels.join('/')}, ` +
            `${grid} classifier runs x ${p.classifiers.train.epochs} epochs`,
        );
      } catch (error) {
        bad++;
        ctx.print(`FAIL  ${name.padEnd(8)} ${firstLine(error)}`);
      }
    }
    if (names.length === 0) throw new Error(`no profiles found in ${defaultProfilesDir()}`);
    if (bad > 0) throw new Error(`${bad} of ${names.length} profiles are invalid`);
  },
});

await main({ scriptName: 'profiles', commands: [check] });
