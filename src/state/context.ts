import { createContext } from 'svelte';
import { EngineState } from './engine.svelte';
import { NavigationState } from './navigation.svelte';
import { NoticesState } from './notices.svelte';
import { ProjectsState } from './projects.svelte';
import { SampleDataState } from './sample-data.svelte';
import { StorageState } from './storage.svelte';
import { ImportsState } from './imports.svelte';
import { ViewerState } from './viewer.svelte';
import { DeidState } from './deid.svelte';
import { DatasetsState } from './datasets.svelte';
import { QuickLabelState } from './quick-label.svelte';
import { RunsState } from './runs.svelte';
import { BaseModelsState } from './base-models.svelte';

export interface AppContext {
  navigation: NavigationState;
  notices: NoticesState;
  projects: ProjectsState;
  storage: StorageState;
  engine: EngineState;
  sample: SampleDataState;
  imports: ImportsState;
  viewer: ViewerState;
  deid: DeidState;
  datasets: DatasetsState;
  quickLabels: QuickLabelState;
  runs: RunsState;
  baseModels: BaseModelsState;
}

const [getAppContext, setAppContext] = createContext<AppContext>();
export { getAppContext };

/** Builds the app's state once, at the root component, and provides it to every view. */
export function provideAppContext(): AppContext {
  const notices = new NoticesState();
  const projects = new ProjectsState(notices);
  const imports = new ImportsState(notices);
  const engine = new EngineState();
  const datasets = new DatasetsState(imports, engine, projects, notices);
  const context: AppContext = {
    navigation: new NavigationState(),
    notices,
    projects,
    storage: new StorageState(notices, projects),
    engine,
    sample: new SampleDataState(notices),
    imports,
    viewer: new ViewerState(imports, notices),
    deid: new DeidState(imports, projects, notices),
    datasets,
    quickLabels: new QuickLabelState(datasets, engine, notices),
    runs: new RunsState(imports, engine, projects, notices),
    baseModels: new BaseModelsState(engine, projects, notices),
  };
  return setAppContext(context);
}
