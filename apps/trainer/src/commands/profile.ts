// trainer profile: the resolved, validated profile, as every run would record it.
import { commonArgs, defineCommand, resolveProfile, withOptions } from '@lddm/cli-kit';
import { z } from 'zod';

export const profileCommand = defineCommand({
  command: 'profile',
  describe: 'print the resolved, validated profile as JSON (after extends and --set)',
  options: (y) => withOptions(y, 'profile', 'set', 'seed'),
  schema: z.object({ profile: commonArgs.profile, set: commonArgs.set, seed: commonArgs.seed }),
  handler: (args, ctx) => {
    ctx.print(JSON.stringify(resolveProfile(args), null, 2));
  },
});
