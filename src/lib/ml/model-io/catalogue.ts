/**
 * Well-known public ImageNet models in the tfjs layers format, offered only as an explicit user
 * action that names what is downloaded and from where. Data only: nothing here fetches.
 *
 * Checked on 2026-11-27 through a search of public source code (no download): a URL marked
 * verified is one published tfjs code fetches (tfjs-examples, @teachablemachine/image), and each
 * cut layer is the one that code cuts at. Sizes are estimates (parameters × 4 bytes), not measured
 * downloads; licences are those of the TensorFlow/Keras releases of these weights, not stated at
 * the download address. `verified` says which of these facts were confirmed.
 */
/**
 * The folders the catalogue's models live in. The app's Content-Security-Policy lets the page
 * download from these (and its own origin) and from nowhere else, so a typed address elsewhere is
 * refused by the browser; Enclave says so before trying.
 */
export const PUBLIC_MODEL_SOURCES: readonly string[] = [
  'https://storage.googleapis.com/tfjs-models/',
  'https://storage.googleapis.com/teachable-machine-models/',
];

export interface PretrainedModelEntry {
  id: string;
  name: string;
  url: string;
  publisher: string;
  architecture: string;
  inputShape: [number, number, number];
  /** Pixel values the network expects: [-1, 1] means (value / 127.5) − 1 for 8-bit images. */
  inputRange: [number, number];
  /** Layer to cut at for features, as the publisher's own transfer-learning code does. */
  cutLayer: string;
  /** Output shape at the cut layer, without the batch dimension. */
  cutOutputShape: number[];
  params: number;
  approxBytes: number;
  licence: string;
  /** What the user is told will be downloaded. */
  downloads: string;
  verified: { url: boolean; cutLayer: boolean; size: boolean; licence: boolean };
  notes: string;
}

const MOBILENET_V1_NOTE = 'Keras MobileNet v1 trained on ImageNet (1000 classes), converted to tfjs layers by the TensorFlow.js team; '
  + 'used by the tfjs-examples transfer-learning demos.';
const TM_NOTE = 'Keras MobileNetV2 trained on ImageNet without its classifier ("no_top"), hosted by Google for Teachable Machine, '
  + 'whose library cuts it at "out_relu" and trains a small head on the features.';
const LICENCE = 'Apache-2.0 (the TensorFlow/Keras release of these ImageNet weights)';
const VERIFIED = { url: true, cutLayer: true, size: false, licence: false };

function mobileNetV1(alpha: string, params: number, channels: number): PretrainedModelEntry {
  const url = `https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_${alpha}_224/model.json`;
  return {
    id: `mobilenet-v1-${alpha}-224`,
    name: `MobileNet v1, width ${alpha}, 224×224, ImageNet`,
    url,
    publisher: 'TensorFlow.js team (Google), storage.googleapis.com/tfjs-models',
    architecture: 'mobilenet-v1',
    inputShape: [224, 224, 3],
    inputRange: [-1, 1],
    cutLayer: 'conv_pw_13_relu',
    cutOutputShape: [7, 7, channels],
    params,
    approxBytes: params * 4,
    licence: LICENCE,
    downloads: `model.json and its weight shard files from ${url.replace('model.json', '')} (about ${(params * 4 / 1e6).toFixed(1)} MB)`,
    verified: VERIFIED,
    notes: MOBILENET_V1_NOTE,
  };
}

function mobileNetV2NoTop(alpha: string, params: number, urlSeenInUse: boolean, extraNote = ''): PretrainedModelEntry {
  const url = `https://storage.googleapis.com/teachable-machine-models/mobilenet_v2_weights_tf_dim_ordering_tf_kernels_${alpha}_224_no_top/model.json`;
  return {
    id: `mobilenet-v2-${alpha}-224-no-top`,
    name: `MobileNetV2, width ${alpha}, 224×224, ImageNet, without classifier`,
    url,
    publisher: 'Google Teachable Machine, storage.googleapis.com/teachable-machine-models',
    architecture: 'mobilenet-v2',
    inputShape: [224, 224, 3],
    inputRange: [-1, 1],
    cutLayer: 'out_relu',
    cutOutputShape: [7, 7, 1280],
    params,
    approxBytes: params * 4,
    licence: LICENCE,
    downloads: `model.json and its weight shard files from ${url.replace('model.json', '')} (about ${(params * 4 / 1e6).toFixed(1)} MB)`,
    verified: { ...VERIFIED, url: urlSeenInUse },
    notes: TM_NOTE + extraNote,
  };
}

/** Parameter counts: Keras's published table for v1 (rounded), Keras's exact count for v2 no_top. */
export const PRETRAINED_CATALOGUE: readonly PretrainedModelEntry[] = [
  mobileNetV1('0.25', 470_000, 256),
  mobileNetV1('0.50', 1_300_000, 512),
  mobileNetV1('1.0', 4_200_000, 1024),
  mobileNetV2NoTop('0.35', 410_208, true),
  mobileNetV2NoTop('1.00', 2_257_984, false, ' Address built from the @teachablemachine/image template (alpha written with two decimals); '
    + 'not seen fetched directly, and one public project writes "1.0" instead, so it may not exist.'),
];

export function findPretrained(id: string): PretrainedModelEntry | undefined {
  return PRETRAINED_CATALOGUE.find((entry) => entry.id === id);
}
