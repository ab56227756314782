import { synthesizeCdkApp } from '@showcore/naming';
import { buildOpsApp } from './app';

synthesizeCdkApp(buildOpsApp);
