import { Button, makeStyles, mergeClasses, tokens, Tooltip } from '@fluentui/react-components';
import {
  ArrowRotateClockwiseRegular,
  ChevronLeftRegular,
  ChevronRightRegular,
  DismissRegular,
  FullScreenMaximizeRegular,
  FullScreenMinimizeRegular,
  ScaleFitRegular,
  SplitVerticalRegular,
  ZoomInRegular,
  ZoomOutRegular,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    flexWrap: 'wrap',
  },
  divider: {
    width: tokens.strokeWidthThin,
    alignSelf: 'stretch',
    margin: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    backgroundColor: tokens.colorNeutralStroke2,
  },
  pressed: { backgroundColor: tokens.colorNeutralBackground1Selected },
});

export interface ViewerToolbarProps {
  canPage: boolean;
  /** An image is on screen: zoom, fit and rotate have something to act on. */
  canTransform: boolean;
  fullscreen: boolean;
  comparing: boolean;
  canCompare: boolean;
  onPrevious: () => void;
  onNext: () => void;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
  onRotate: () => void;
  onFullscreen: () => void;
  onCompare: () => void;
  onClose: () => void;
}

/** Icon buttons with their keyboard shortcut in the name and tooltip, so both are discoverable. */
export function ViewerToolbar(props: ViewerToolbarProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const transform = { disabled: !props.canTransform };
  const tool = (label: string, icon: ReactElement, onClick: () => void, extra = {}) => (
    <Tooltip content={label} relationship="label" withArrow>
      <Button appearance="subtle" icon={icon} onClick={onClick} {...extra} />
    </Tooltip>
  );
  return (
    <div className={styles.bar} role="toolbar" aria-label={t('photos.viewer.toolbar')}>
      {tool(t('photos.viewer.previous'), <ChevronLeftRegular />, props.onPrevious, {
        disabled: !props.canPage,
      })}
      {tool(t('photos.viewer.next'), <ChevronRightRegular />, props.onNext, {
        disabled: !props.canPage,
      })}
      <span className={styles.divider} aria-hidden />
      {tool(t('photos.viewer.zoomOut'), <ZoomOutRegular />, props.onZoomOut, transform)}
      {tool(t('photos.viewer.zoomIn'), <ZoomInRegular />, props.onZoomIn, transform)}
      {tool(t('photos.viewer.fit'), <ScaleFitRegular />, props.onFit, transform)}
      {tool(t('photos.viewer.rotate'), <ArrowRotateClockwiseRegular />, props.onRotate, transform)}
      {tool(
        props.fullscreen ? t('photos.viewer.exitFullscreen') : t('photos.viewer.fullscreen'),
        props.fullscreen ? <FullScreenMinimizeRegular /> : <FullScreenMaximizeRegular />,
        props.onFullscreen,
      )}
      <span className={styles.divider} aria-hidden />
      <Button
        appearance="subtle"
        icon={<SplitVerticalRegular />}
        aria-pressed={props.comparing}
        disabled={!props.canCompare}
        className={mergeClasses(props.comparing && styles.pressed)}
        onClick={props.onCompare}
        data-testid="viewer-compare"
      >
        {props.comparing ? t('photos.viewer.compareOff') : t('photos.viewer.compare')}
      </Button>
      <span className={styles.divider} aria-hidden />
      {tool(t('photos.viewer.close'), <DismissRegular />, props.onClose)}
    </div>
  );
}
