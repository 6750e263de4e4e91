import { BlobSource, CustomSource, Input, MATROSKA, MP4, QTFF, WEBM, type Source } from 'mediabunny';
import type { ImportSource } from './import-source';
import type { VideoContainer } from './sniff';

/**
 * Container metadata of MP4/MOV and WebM/MKV videos (echo clips, endoscopy, ultrasound loops)
 * through mediabunny's demuxers, which read the container without decoding anything and so
 * run in Node too. Frames are decoded in decoders.ts, where the browser supplies WebCodecs.
 */
export interface VideoMetadata {
  container: VideoContainer;
  /** e.g. 'video/mp4; codecs="avc1.42c00a"' */
  mimeType: string;
  durationSeconds: number;
  /** mediabunny's codec name ('avc', 'hevc', 'vp8', 'vp9', 'av1', …), null when unknown. */
  codec: string | null;
  /** The WebCodecs codec string, e.g. "avc1.42c00a", when the container says enough. */
  codecString: string | null;
  /** Displayed size (after rotation). */
  width: number;
  height: number;
  rotation: number;
  /** Average frames per second over the packets counted. */
  frameRate: number;
  frameCount: number;
  /** False when the count was estimated from duration × rate (long clips are not scanned whole). */
  frameCountExact: boolean;
  hasAudio: boolean;
}

export class VideoProblem {
  constructor(
    readonly code: 'damaged' | 'unsupported',
    readonly reason: string,
  ) {}
}

/** Packets counted exactly before switching to an estimate; WebM has no index, so counting reads clusters. */
const MAX_COUNTED_PACKETS = 10_000;

/** Only the four container families we import; no network-backed formats (HLS) are ever enabled. */
const VIDEO_FORMATS = [MP4, QTFF, WEBM, MATROSKA];

/** A mediabunny Source over an import source: the File itself, or our lazy bytes (zip entries). */
export function mediabunnySource(source: ImportSource): Source {
  if (source.blob) return new BlobSource(source.blob);
  const bytes = source.open();
  return new CustomSource({ getSize: () => bytes.size, read: (start, end) => bytes.read(start, end - start) });
}

/** Opens a video for decoding or inspection; the caller disposes the Input. */
export function openVideoInput(source: ImportSource): Input {
  return new Input({ source: mediabunnySource(source), formats: VIDEO_FORMATS });
}

export async function readVideoMetadata(source: ImportSource, container: VideoContainer): Promise<VideoMetadata | VideoProblem> {
  const input = openVideoInput(source);
  try {
    const track = await input.getPrimaryVideoTrack();
    if (!track) return new VideoProblem('unsupported', 'the file has no video track (audio only?)');
    const [durationSeconds, mimeType, codecString, stats, audio] = await Promise.all([
      input.computeDuration(),
      input.getMimeType(),
      track.getCodecParameterString(),
      track.computePacketStats(MAX_COUNTED_PACKETS),
      input.getAudioTracks(),
    ]);
    const exact = stats.packetCount < MAX_COUNTED_PACKETS;
    return {
      container,
      mimeType,
      durationSeconds,
      codec: track.codec,
      codecString,
      width: track.displayWidth,
      height: track.displayHeight,
      rotation: track.rotation,
      frameRate: stats.averagePacketRate,
      frameCount: exact ? stats.packetCount : Math.round(durationSeconds * stats.averagePacketRate),
      frameCountExact: exact,
      hasAudio: audio.length > 0,
    };
  } catch (error) {
    return new VideoProblem('damaged', `video file is damaged or in a form we cannot read (${(error as Error).message})`);
  } finally {
    input.dispose();
  }
}
