import {
  makeStyles,
  tokens,
  Toolbar,
  ToolbarRadioButton,
  ToolbarRadioGroup,
  type ToolbarProps,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { isStatusFilter, STATUS_FILTERS, type StatusFilter } from './status-filter';

const GROUP = 'status';

const useStyles = makeStyles({
  // Eight choices: on a narrow window or with large text they wrap instead of running off.
  bar: { flexWrap: 'wrap' },
  // A tinted highlight: clearly chosen, calmer than a filled primary button.
  checked: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    ':hover': {
      backgroundColor: tokens.colorBrandBackground2Hover,
      color: tokens.colorBrandForeground2Hover,
    },
  },
});

/** One-click status filter; a radio group, so arrow keys move between the choices. */
export function StatusFilterBar({
  value,
  onChange,
}: {
  value: StatusFilter;
  onChange: (value: StatusFilter) => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const onCheckedValueChange: ToolbarProps['onCheckedValueChange'] = (_event, data) => {
    const next = data.checkedItems[0];
    if (data.name === GROUP && isStatusFilter(next)) onChange(next);
  };
  return (
    <Toolbar
      size="small"
      className={styles.bar}
      aria-label={t('cases.filter.label')}
      checkedValues={{ [GROUP]: [value] }}
      onCheckedValueChange={onCheckedValueChange}
      data-testid="status-filter"
    >
      <ToolbarRadioGroup aria-label={t('cases.filter.label')}>
        {STATUS_FILTERS.map((filter) => (
          <ToolbarRadioButton
            key={filter}
            name={GROUP}
            value={filter}
            className={filter === value ? styles.checked : undefined}
            data-filter={filter}
          >
            {t(`cases.filter.${filter}`)}
          </ToolbarRadioButton>
        ))}
      </ToolbarRadioGroup>
    </Toolbar>
  );
}
