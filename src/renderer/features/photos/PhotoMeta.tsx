import { makeStyles, tokens, Tooltip } from '@fluentui/react-components';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CasePhoto } from '../../../shared/contract/photo-calls';
import { useFormat } from '../../i18n/use-format';
import {
  formatBytes,
  formatContentType,
  formatCoordinates,
  photoDisplay,
  shortHash,
} from './photo-format';
import { VerifiedMark } from './VerifiedMark';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  list: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    fontSize: tokens.fontSizeBase200,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere', fontVariantNumeric: 'tabular-nums' },
  hash: { fontFamily: tokens.fontFamilyMonospace },
  unverified: { color: tokens.colorPaletteRedForeground1 },
});

/** What is known about one photo; the hash is shortened with the full value in its tooltip. */
export function PhotoMeta({ photo, index }: { photo: CasePhoto; index: number }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const display = photoDisplay(photo);
  const rows: [string, ReactNode][] = [
    [t('photos.meta.takenAt'), format.dateTime(photo.takenAt)],
    [
      t('photos.meta.coordinates'),
      photo.lat === null || photo.lon === null
        ? t('photos.meta.noCoordinates')
        : formatCoordinates(photo.lat, photo.lon, format.language),
    ],
    [t('photos.meta.size'), formatBytes(photo.sizeBytes, format.language)],
    [t('photos.meta.type'), formatContentType(photo.contentType)],
    [
      t('photos.meta.sha256'),
      <Tooltip key="hash" content={photo.sha256} relationship="description" withArrow>
        <span className={styles.hash} tabIndex={0} data-testid="photo-hash">
          {shortHash(photo.sha256)}
        </span>
      </Tooltip>,
    ],
    [
      t('photos.meta.check'),
      display === 'verified' ? (
        <VerifiedMark />
      ) : (
        <span className={styles.unverified}>
          {t(`photos.state.${display === 'pending' ? 'queued' : display}`)}
        </span>
      ),
    ],
  ];
  const headingId = `photo-meta-${index}`;
  return (
    <section className={styles.section} aria-labelledby={headingId} data-testid="photo-meta">
      <h3 id={headingId} className={styles.heading}>
        {t('photos.meta.heading', { index: index + 1 })}
      </h3>
      <dl className={styles.list}>
        {rows.map(([term, value]) => (
          <Fragment key={term}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
