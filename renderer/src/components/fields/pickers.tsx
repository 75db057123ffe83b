/** Date, month and time pickers whose values are the strings the records store. */
import { DatePicker, TimePicker, type DatePickerProps } from 'antd';
import dayjs from 'dayjs';

interface StringValue {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  'aria-label'?: string;
}

/** `minDate` / `maxDate` keep the choice within a range (a plan within its year). */
export function DateInput({ value, onChange, ...rest }: StringValue & Pick<DatePickerProps, 'minDate' | 'maxDate'>) {
  return (
    <DatePicker
      {...rest}
      style={{ width: '100%' }}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : '')}
    />
  );
}

export function MonthInput({ value, onChange, ...rest }: StringValue) {
  return (
    <DatePicker
      {...rest}
      picker="month"
      style={{ width: '100%' }}
      value={value ? dayjs(`${value}-01`) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM') : '')}
    />
  );
}

export function TimeInput({ value, onChange, ...rest }: StringValue) {
  return (
    <TimePicker
      {...rest}
      format="HH:mm"
      minuteStep={5}
      needConfirm={false}
      style={{ width: '100%' }}
      value={value ? dayjs(`2000-01-01T${value}`) : null}
      onChange={(d) => onChange?.(d ? d.format('HH:mm') : '')}
    />
  );
}
