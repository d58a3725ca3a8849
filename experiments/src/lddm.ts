// nx run experiments:lddm [--configuration=smoke|cpu|paper]
import { generatorMain } from './generator-experiment';

await generatorMain('lddm');
