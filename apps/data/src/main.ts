import { synthesizeCdkApp } from '@showcore/naming';
import { buildDataApp } from './app';

synthesizeCdkApp(buildDataApp);
