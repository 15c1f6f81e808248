import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ErrorCircleRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { CasePhoto } from '../../../shared/contract/photo-calls';
import { casePhotoUrl } from '../../api/use-case-photos';
import { thumbVariant } from './photo-format';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: `${tokens.spacingVerticalXS} 0`,
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    overflowX: 'auto',
  },
  button: {
    width: '72px',
    height: '54px',
    padding: 0,
    overflow: 'hidden',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    cursor: 'pointer',
    backgroundColor: tokens.colorNeutralBackground3,
    border: `${tokens.strokeWidthThick} solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '2px',
    },
  },
  primary: { border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}` },
  second: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}` },
  image: { width: '100%', height: '100%', objectFit: 'cover', display: 'block' },
  icon: { fontSize: '20px', color: tokens.colorPaletteRedForeground1 },
});

export interface ViewerPickerProps {
  photos: readonly CasePhoto[];
  current: number;
  second: number | null;
  onPick: (index: number) => void;
  label: string;
}

/** The photos inside the viewer: picks the photo, or in compare mode the second one. */
export function ViewerPicker({ photos, current, second, onPick, label }: ViewerPickerProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label} data-testid="viewer-picker">
      {photos.map((photo, index) => {
        const variant = thumbVariant(photo);
        const selected = index === current || index === second;
        return (
          <li key={photo.sha256}>
            <button
              type="button"
              className={mergeClasses(
                styles.button,
                index === current && styles.primary,
                index === second && styles.second,
              )}
              aria-label={t('photos.viewer.pickLabel', { index: index + 1 })}
              aria-current={selected ? 'true' : undefined}
              onClick={() => onPick(index)}
            >
              {variant ? (
                <img
                  className={styles.image}
                  src={casePhotoUrl(photo.sha256, variant)}
                  alt=""
                  draggable={false}
                />
              ) : (
                <ErrorCircleRegular className={styles.icon} aria-hidden />
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
