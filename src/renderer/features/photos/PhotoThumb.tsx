import { Button, makeStyles, Spinner, tokens, Tooltip } from '@fluentui/react-components';
import { ArrowClockwiseRegular, ErrorCircleRegular, ImageOffRegular } from '@fluentui/react-icons';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CasePhoto } from '../../../shared/contract/photo-calls';
import { casePhotoUrl } from '../../api/use-case-photos';
import { useFormat } from '../../i18n/use-format';
import { isHashMismatch, photoDisplay, thumbVariant } from './photo-format';
import { VerifiedMark } from './VerifiedMark';

export const THUMB_WIDTH = 112;
export const THUMB_HEIGHT = 84;

const useStyles = makeStyles({
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    width: `${THUMB_WIDTH}px`,
  },
  button: {
    width: `${THUMB_WIDTH}px`,
    height: `${THUMB_HEIGHT}px`,
    padding: 0,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    overflow: 'hidden',
    cursor: 'pointer',
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1Hover}` },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '2px',
    },
  },
  image: { width: '100%', height: '100%', objectFit: 'cover', display: 'block' },
  failedIcon: { fontSize: '28px', color: tokens.colorPaletteRedForeground1 },
  caption: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalXXS,
    minHeight: '24px',
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
  },
  failed: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    color: tokens.colorPaletteRedForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
});

export interface PhotoThumbProps {
  photo: CasePhoto;
  index: number;
  count: number;
  onOpen: () => void;
  onRetry: () => void;
}

/** One photo of the strip: the image once verified, else its download state; never unverified bytes. */
export const PhotoThumb = forwardRef<HTMLButtonElement, PhotoThumbProps>(function PhotoThumb(
  { photo, index, count, onOpen, onRetry },
  ref,
) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const display = photoDisplay(photo);
  const variant = thumbVariant(photo);
  const stateText =
    display === 'pending'
      ? t(photo.state === 'downloading' ? 'photos.state.downloading' : 'photos.state.queued')
      : t(`photos.state.${display}`);
  const label = t('photos.thumbLabel', {
    index: index + 1,
    count,
    time: format.dateTime(photo.takenAt),
    state: stateText,
  });
  const problem = display === 'failed' || display === 'retrying';
  const mismatch = isHashMismatch(photo.error);
  const problemDetail = [
    mismatch ? t('photos.hashMismatchHint') : stateText,
    t('photos.errorDetail', { error: photo.error ?? stateText }),
  ].join(' ');

  return (
    <li className={styles.item} data-testid="photo-thumb" data-photo-display={display}>
      <button
        ref={ref}
        type="button"
        className={styles.button}
        aria-label={label}
        onClick={onOpen}
        data-sha256={photo.sha256}
      >
        {variant ? (
          <img
            className={styles.image}
            src={casePhotoUrl(photo.sha256, variant)}
            alt=""
            draggable={false}
          />
        ) : problem ? (
          <ErrorCircleRegular className={styles.failedIcon} aria-hidden />
        ) : display === 'unverified' ? (
          <ImageOffRegular className={styles.failedIcon} aria-hidden />
        ) : (
          <Spinner size="tiny" aria-hidden />
        )}
      </button>
      <div className={styles.caption}>
        {display === 'verified' ? (
          <VerifiedMark />
        ) : problem ? (
          <>
            <Tooltip content={problemDetail} relationship="description" withArrow>
              <span className={styles.failed} data-testid="photo-error" tabIndex={0}>
                {mismatch ? t('photos.hashMismatch') : t('photos.failedShort')}
              </span>
            </Tooltip>
            <Button
              size="small"
              appearance="subtle"
              icon={<ArrowClockwiseRegular />}
              aria-label={t('photos.retry')}
              title={t('photos.retry')}
              onClick={onRetry}
            />
          </>
        ) : (
          <span>{stateText}</span>
        )}
      </div>
    </li>
  );
});
