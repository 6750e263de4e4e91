/** One backend's training and inference throughput; the page gives each backend a fresh worker. */
import { runTrainBench } from '../tools/train-run';
import type { TrainWorkerReply, TrainWorkerRequest } from './protocol';
import { describeEnvironment, onRequest, replier, startBackend } from './worker-backends';

const reply = replier<TrainWorkerReply>();

onRequest<TrainWorkerRequest>(async ({ backend, config }) => {
  const started = await startBackend(backend);
  if (!started.ok) {
    reply({ kind: 'failure', failure: { backend, stage: 'start', detail: started.detail } });
    return;
  }
  const environment = await describeEnvironment();
  try {
    const result = await runTrainBench(config, {
      log: (line) => reply({ kind: 'log', line: `${backend}: ${line}` }),
      setup: (setup) => reply({ kind: 'setup', setup, environment }),
      infer: (outcome) => reply({ kind: 'infer', outcome }),
    });
    reply({ kind: 'result', result, environment });
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    reply({ kind: 'failure', failure: { backend, stage: 'run', detail } });
  }
});
