import {
  Dialog,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { type KeyboardEvent, useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordView } from '../../api/use-audit';
import type { CasePhoto } from '../../../shared/contract/photo-calls';
import { photoDisplay } from './photo-format';
import { PhotoMeta } from './PhotoMeta';
import { useFullscreen } from './use-fullscreen';
import { INITIAL_VIEWER_STATE, viewerKey, viewerReducer, ZOOM_STEP } from './viewer-state';
import { ViewerPicker } from './ViewerPicker';
import { ViewerStage } from './ViewerStage';
import { ViewerToolbar } from './ViewerToolbar';

const useStyles = makeStyles({
  surface: {
    // Nearly the whole window: the photo is the point; a margin keeps the app visible behind.
    width: 'calc(100vw - 32px)',
    maxWidth: 'none',
    height: 'calc(100vh - 32px)',
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    overflow: 'hidden',
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { fontSize: tokens.fontSizeBase400, margin: 0 },
  body: { flexGrow: 1, minHeight: 0, display: 'flex' },
  stages: {
    flexGrow: 1,
    minWidth: 0,
    display: 'flex',
    gap: '2px',
    backgroundColor: '#000000',
    outlineStyle: 'none',
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  aside: {
    width: '280px',
    flexShrink: 0,
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  footer: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `0 ${tokens.spacingHorizontalM}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  help: { color: tokens.colorNeutralForeground3, marginLeft: 'auto' },
});

export interface PhotoViewerProps {
  photos: readonly CasePhoto[];
  startAt: number;
  onClose: () => void;
}

/**
 * The full view over the app: one photo, or two side by side. Each side keeps its own zoom, pan
 * and rotation; keys act on the active side (the one last clicked).
 */
export function PhotoViewer({ photos, startAt, onClose }: PhotoViewerProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const surface = useRef<HTMLDivElement>(null);
  const stages = useRef<HTMLDivElement>(null);
  const fullscreen = useFullscreen(surface);
  const [current, setCurrent] = useState(startAt);
  const [second, setSecond] = useState<number | null>(null);
  const [activeSide, setActiveSide] = useState<0 | 1>(0);
  const [left, dispatchLeft] = useReducer(viewerReducer, INITIAL_VIEWER_STATE);
  const [right, dispatchRight] = useReducer(viewerReducer, INITIAL_VIEWER_STATE);
  const comparing = second !== null;
  const count = photos.length;
  const side = comparing && activeSide === 1 ? 1 : 0;
  const [activeState, dispatchActive] = side === 1 ? [right, dispatchRight] : [left, dispatchLeft];

  const show = (index: number) => {
    const next = (index + count) % count;
    if (next === current) return;
    setCurrent(next);
    dispatchLeft({ type: 'reset' });
  };
  const pick = (index: number) => {
    if (!comparing) return show(index);
    // In compare mode the picker chooses the other side's photo.
    setSecond(index);
    dispatchRight({ type: 'reset' });
  };
  const toggleCompare = () => {
    if (comparing) {
      setSecond(null);
      setActiveSide(0);
    } else {
      setSecond((current + 1) % count);
      dispatchRight({ type: 'reset' });
    }
  };

  // The dialog focuses its first button on open, whose tooltip would then swallow the first
  // Escape; the photo itself is where the keys belong. A frame later, after the dialog's own focus.
  useEffect(() => {
    const frame = requestAnimationFrame(() => stages.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);

  const activePhoto = side === 1 && second !== null ? photos[second] : photos[current];
  const shown = photos[current];
  const beside = second === null ? undefined : photos[second];
  // Photos shown in full are what the audit trail records, each side of a comparison too.
  useRecordView(shown?.verified ? shown.caseId : null, shown?.sha256);
  useRecordView(beside?.verified ? beside.caseId : null, beside?.sha256);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    const result = viewerKey(event.key, activeState);
    if (!result) return;
    event.preventDefault();
    if (result.kind === 'state') {
      // Nothing to zoom or turn while the photo is not shown.
      if (activePhoto && photoDisplay(activePhoto) === 'verified') dispatchActive(result.action);
      return;
    }
    if (result.command === 'fullscreen') return fullscreen.toggle();
    show(current + (result.command === 'next' ? 1 : -1));
  };

  const first = photos[current];
  const other = second === null ? undefined : photos[second];
  if (!first) return null;
  const title =
    second === null
      ? t('photos.viewer.title', { index: current + 1, count })
      : t('photos.viewer.compareTitle', { first: current + 1, second: second + 1 });

  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface
        ref={surface}
        className={styles.surface}
        onKeyDown={onKeyDown}
        data-testid="photo-viewer"
        aria-describedby={undefined}
      >
        <div className={styles.header}>
          <DialogTitle as="h2" className={styles.title}>
            {title}
          </DialogTitle>
          <ViewerToolbar
            canPage={count > 1}
            canTransform={activePhoto !== undefined && photoDisplay(activePhoto) === 'verified'}
            fullscreen={fullscreen.active}
            comparing={comparing}
            canCompare={count > 1}
            onPrevious={() => show(current - 1)}
            onNext={() => show(current + 1)}
            onZoomIn={() => dispatchActive({ type: 'zoomBy', factor: ZOOM_STEP })}
            onZoomOut={() => dispatchActive({ type: 'zoomBy', factor: 1 / ZOOM_STEP })}
            onFit={() => dispatchActive({ type: 'fit' })}
            onRotate={() => dispatchActive({ type: 'rotate' })}
            onFullscreen={fullscreen.toggle}
            onCompare={toggleCompare}
            onClose={onClose}
          />
        </div>
        <div className={styles.body}>
          <div
            ref={stages}
            className={styles.stages}
            tabIndex={0}
            role="group"
            aria-label={title}
            data-testid="viewer-stages"
          >
            <ViewerStage
              key={first.sha256}
              photo={first}
              index={current}
              state={left}
              dispatch={dispatchLeft}
              active={comparing && side === 0}
              onActivate={() => setActiveSide(0)}
            />
            {other && second !== null && (
              <ViewerStage
                key={`second-${other.sha256}`}
                photo={other}
                index={second}
                state={right}
                dispatch={dispatchRight}
                active={side === 1}
                onActivate={() => setActiveSide(1)}
              />
            )}
          </div>
          <aside className={styles.aside}>
            <PhotoMeta photo={first} index={current} />
            {other && second !== null && <PhotoMeta photo={other} index={second} />}
          </aside>
        </div>
        <div className={styles.footer}>
          <ViewerPicker
            photos={photos}
            current={current}
            second={second}
            onPick={pick}
            label={comparing ? t('photos.viewer.comparePick') : t('photos.viewer.stripLabel')}
          />
          <Text size={200} className={styles.help}>
            {t('photos.viewer.help')}
          </Text>
        </div>
      </DialogSurface>
    </Dialog>
  );
}
