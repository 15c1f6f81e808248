import { makeStyles, mergeClasses, Spinner, Text, tokens } from '@fluentui/react-components';
import { ErrorCircleRegular } from '@fluentui/react-icons';
import { type Dispatch, type PointerEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CasePhoto } from '../../../shared/contract/photo-calls';
import { casePhotoUrl } from '../../api/use-case-photos';
import { photoDisplay } from './photo-format';
import {
  displayScale,
  imageTransform,
  isZoomed,
  type ViewerAction,
  type ViewerState,
} from './viewer-state';

/** exp(-deltaY × this): one notch of a common mouse wheel (100 px) zooms by about 1.2. */
const WHEEL_SENSITIVITY = 0.002;

const useStyles = makeStyles({
  stage: {
    position: 'relative',
    flexGrow: 1,
    flexBasis: 0,
    minWidth: 0,
    minHeight: 0,
    overflow: 'hidden',
    backgroundColor: '#1b1b1b',
    touchAction: 'none',
    userSelect: 'none',
    outline: `${tokens.strokeWidthThick} solid transparent`,
    outlineOffset: '-2px',
  },
  active: { outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}` },
  zoomed: { cursor: 'grab' },
  image: {
    position: 'absolute',
    left: '50%',
    top: '50%',
    maxWidth: 'none',
    transformOrigin: 'center',
  },
  state: {
    position: 'absolute',
    inset: 0,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: tokens.spacingVerticalS,
    color: '#f0f0f0',
    padding: tokens.spacingHorizontalL,
    textAlign: 'center',
  },
  stateIcon: { fontSize: '40px', color: tokens.colorPaletteRedBorder2 },
  badge: {
    position: 'absolute',
    left: tokens.spacingHorizontalS,
    top: tokens.spacingVerticalS,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: 'rgba(0, 0, 0, 0.65)',
    color: '#ffffff',
    fontSize: tokens.fontSizeBase200,
    fontVariantNumeric: 'tabular-nums',
  },
});

export interface ViewerStageProps {
  photo: CasePhoto;
  index: number;
  state: ViewerState;
  dispatch: Dispatch<ViewerAction>;
  /** In compare mode: the stage the keys act on. */
  active: boolean;
  onActivate: () => void;
}

/** One photo at full size with wheel zoom around the pointer and drag to pan. */
export function ViewerStage({
  photo,
  index,
  state,
  dispatch,
  active,
  onActivate,
}: ViewerStageProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const display = photoDisplay(photo);
  const zoomPercent = Math.round(displayScale(state) * 100);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      dispatch({ type: 'viewport', size: { width, height } });
    });
    observer.observe(element);
    // React's wheel listener is passive; zooming must stop the page from scrolling.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = element.getBoundingClientRect();
      dispatch({
        type: 'zoomBy',
        factor: Math.exp(-event.deltaY * WHEEL_SENSITIVITY),
        at: {
          x: event.clientX - box.left - box.width / 2,
          y: event.clientY - box.top - box.height / 2,
        },
      });
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      observer.disconnect();
      element.removeEventListener('wheel', onWheel);
    };
  }, [dispatch]);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    onActivate();
    if (event.button !== 0 || !isZoomed(state)) return;
    drag.current = { x: event.clientX, y: event.clientY };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const last = drag.current;
    if (!last) return;
    drag.current = { x: event.clientX, y: event.clientY };
    dispatch({ type: 'panBy', dx: event.clientX - last.x, dy: event.clientY - last.y });
  };
  const endDrag = () => {
    drag.current = null;
  };

  return (
    <div
      ref={ref}
      className={mergeClasses(
        styles.stage,
        active && styles.active,
        isZoomed(state) && styles.zoomed,
      )}
      data-testid="viewer-stage"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
    >
      {display === 'verified' ? (
        <img
          className={styles.image}
          src={casePhotoUrl(photo.sha256, 'original')}
          alt={t('photos.viewer.pickLabel', { index: index + 1 })}
          draggable={false}
          data-testid="viewer-image"
          style={{
            transform: imageTransform(state),
            // Hidden until its size is known, or it would flash at natural size before fitting.
            visibility: state.image.width > 0 ? 'visible' : 'hidden',
          }}
          onLoad={(event) =>
            dispatch({
              type: 'image',
              size: {
                width: event.currentTarget.naturalWidth,
                height: event.currentTarget.naturalHeight,
              },
            })
          }
        />
      ) : (
        <div className={styles.state} data-testid="viewer-unavailable">
          {display === 'pending' ? (
            <Spinner size="medium" aria-hidden />
          ) : (
            <ErrorCircleRegular className={styles.stateIcon} aria-hidden />
          )}
          <Text>{t('photos.notShown')}</Text>
          {photo.error && <Text size={200}>{t('photos.errorDetail', { error: photo.error })}</Text>}
        </div>
      )}
      {display === 'verified' && (
        <span className={styles.badge} aria-hidden>
          {index + 1} · {t('photos.viewer.zoomValue', { zoom: zoomPercent })}
        </span>
      )}
    </div>
  );
}
