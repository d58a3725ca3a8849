// nx run experiments:cinn [--configuration=smoke|cpu|paper]
import { generatorMain } from './generator-experiment';

await generatorMain('cinn');
