/** The half-yearly 考察 and the 思想汇报 of a case: a list, and a line to add one. */
import { App as AntApp, AutoComplete, Button, Card, Form, Input, Popconfirm, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import type { DevelopmentCaseDto, DevelopmentReviewDto } from '../../../../shared/methods/development';
import { REVIEW_KINDS, type ReviewKind } from '../../../../shared/rules/development';
import { call } from '../../api';
import { markFields, showError } from '../../errors';
import { DateInput } from '../../components/fields/pickers';
import type { PickerContext } from '../../components/fields/FieldInput';
import { options } from '../../options';
import { lengthLimit } from '../../components/fields/limit';

interface Values {
  date: string;
  kind: ReviewKind;
  reviewer: string;
  content: string;
}

export function Reviews({ c, onChanged, readOnly, ctx, title }: { c: DevelopmentCaseDto; onChanged: (c: DevelopmentCaseDto) => void; readOnly: boolean; ctx: PickerContext; title: string }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const add = async (v: Values) => {
    if (!v.date) return message.error('请选择日期');
    try {
      onChanged(await call('development.addReview', { caseId: c.id, date: v.date, kind: v.kind, reviewer: v.reviewer ?? '', content: v.content ?? '' }));
      form.resetFields();
      message.success('已添加');
    } catch (e) {
      showError(e, message.error, (f) => markFields(form, f));
    }
  };
  return (
    <Card size="small" title={title} style={{ margin: '0 0 16px 24px' }}>
      <p className="muted" style={{ marginTop: 0 }}>
        《中国共产党发展党员工作细则》：党支部每半年对入党积极分子进行一次考察。本支部规定：入党积极分子、发展对象每季度递交一次思想汇报。
      </p>
      <Table<DevelopmentReviewDto>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={[...c.reviews].reverse()}
        locale={{ emptyText: '还没有考察或思想汇报记录' }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '类别', dataIndex: 'kind', width: 90, render: (k: string) => <Tag color={k === '考察' ? 'red' : 'blue'}>{k}</Tag> },
          { title: '考察人', dataIndex: 'reviewer', width: 100 },
          { title: '内容', dataIndex: 'content', ellipsis: true },
          ...(readOnly
            ? []
            : [
                {
                  title: '',
                  width: 70,
                  render: (_: unknown, r: DevelopmentReviewDto) => (
                    <Popconfirm
                      title="删除这条记录？"
                      onConfirm={async () => {
                        try {
                          onChanged(await call('development.removeReview', { id: r.id }));
                        } catch (e) {
                          showError(e, message.error);
                        }
                      }}
                    >
                      <Button size="small" type="link" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]),
        ]}
      />
      {!readOnly && (
        <Form form={form} name="review" layout="inline" style={{ marginTop: 10, rowGap: 8 }} onFinish={add} initialValues={{ date: dayjs().format('YYYY-MM-DD'), kind: '考察', reviewer: '', content: '' }}>
          <Form.Item name="date" label="日期">
            <DateInput />
          </Form.Item>
          <Form.Item name="kind" label="类别">
            <Select style={{ width: 110 }} options={options(REVIEW_KINDS)} />
          </Form.Item>
          <Form.Item name="reviewer" label="考察人">
            <AutoComplete style={{ width: 120 }} options={ctx.people.map((p) => ({ value: p.name }))} />
          </Form.Item>
          <Form.Item name="content" label="内容" style={{ flex: 1, minWidth: 220 }}>
            <Input {...lengthLimit(5000)} placeholder="考察意见或思想汇报要点" />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit">添加</Button>
          </Form.Item>
        </Form>
      )}
    </Card>
  );
}
