export { planExecutor } from './plan-executor.ts';
export {
  maxVusOf,
  openMaxVus,
  planScenarios,
  runModel,
  type ScenarioPlan,
  scenarioVu,
  shareScenarios,
} from './scenarios.ts';
export { globalVu, type Share, shareOf, sharePlan } from './share.ts';
export type { ArrivalPlan, ExecutorPlan, IterationBudget, VuPlan, VuStep } from './types.ts';
export { vusAt } from './vu-steps.ts';
