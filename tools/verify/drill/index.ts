export { creatableEngineVersion, elastiCacheRestoreDrill } from './elasticache';
export { rdsRestoreDrill } from './rds';
export { drillIdentifier, duration, type DrillDeps, type DrillOptions, type DrillResult, type DrillTarget } from './runner';
