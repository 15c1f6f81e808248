import { makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCasePhotos, usePrioritizePhotos } from '../../api/use-case-photos';
import { PhotoThumb } from './PhotoThumb';
import { PhotoViewer } from './PhotoViewer';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
  },
  message: { color: tokens.colorNeutralForeground3 },
});

/** The case's photos as thumbnails; a thumbnail opens the viewer, which hands focus back to it. */
export function PhotoStrip({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const photos = useCasePhotos(caseId);
  const retry = usePrioritizePhotos();
  const [openAt, setOpenAt] = useState<number | null>(null);
  const thumbs = useRef<(HTMLButtonElement | null)[]>([]);

  const close = useCallback(() => {
    const opener = openAt;
    setOpenAt(null);
    // After the dialog has unmounted, or its own focus restoration would win.
    if (opener !== null) requestAnimationFrame(() => thumbs.current[opener]?.focus());
  }, [openAt]);

  if (photos.isPending) return <Spinner size="tiny" label={t('photos.loading')} />;
  if (photos.isError) {
    return (
      <Text role="alert" className={styles.message}>
        {t('photos.loadError')}
      </Text>
    );
  }
  const list = photos.data.photos;
  if (list.length === 0) return <Text className={styles.message}>{t('photos.none')}</Text>;

  return (
    <>
      <ul className={styles.list} aria-label={t('photos.stripLabel')} data-testid="photo-strip">
        {list.map((photo, index) => (
          <PhotoThumb
            key={photo.sha256}
            ref={(element) => {
              thumbs.current[index] = element;
            }}
            photo={photo}
            index={index}
            count={list.length}
            onOpen={() => setOpenAt(index)}
            onRetry={() => retry.mutate(caseId)}
          />
        ))}
      </ul>
      {openAt !== null && <PhotoViewer photos={list} startAt={openAt} onClose={close} />}
    </>
  );
}
