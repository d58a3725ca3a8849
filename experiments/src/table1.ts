// nx run experiments:table1 [--configuration=smoke|cpu|paper]
import { tableMain } from './cli';

await tableMain('table1');
