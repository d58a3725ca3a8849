// trainer: trains the generators and classifiers, and synthesizes videos.
import { main } from '@lddm/cli-kit';
import { backendCommand } from './commands/backend';
import { classifierCommand } from './commands/classifier';
import { dataCommand } from './commands/data';
import { generatorCommand } from './commands/generator-command';
import { profileCommand } from './commands/profile';

await main({
  scriptName: 'trainer',
  describe: 'Train LDDM, the cINN baseline and the video classifiers; inspect backend, profiles and datasets.',
  commands: [backendCommand, profileCommand, dataCommand, generatorCommand('lddm'), generatorCommand('cinn'), classifierCommand],
});
