// nx run experiments:table2 [--configuration=smoke|cpu|paper]
import { tableMain } from './cli';

await tableMain('table2');
