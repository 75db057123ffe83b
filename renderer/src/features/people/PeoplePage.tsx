import { useState } from 'react';
import { App as AntApp, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Person, PersonInput } from '../../../../shared/contract';
import { GENDERS, POLITICAL_STATUSES } from '../../../../shared/books/vocab';
import { call } from '../../api';
import { useLedger } from '../../context';
import { showError } from '../../errors';
import { useApiData } from '../../useApiData';

type Values = Omit<PersonInput, 'birthDate' | 'groupId'> & { birthDate?: Dayjs | null; groupId?: number | null };

export function PeoplePage({ highlight }: { highlight: number | null }) {
  const { message } = AntApp.useApp();
  const { branch } = useLedger();
  const [loaded, reload] = useApiData(() => call('people.list'), []);
  const people = loaded ?? [];
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [form] = Form.useForm<Values>();

  const open = (p: Person | 'new') => {
    setEditing(p);
    form.resetFields();
    if (p !== 'new') form.setFieldsValue({ ...p, birthDate: p.birthDate ? dayjs(p.birthDate) : null });
  };

  const save = async (v: Values) => {
    const input: PersonInput = {
      name: v.name,
      gender: v.gender,
      birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : '',
      politicalStatus: v.politicalStatus,
      groupId: v.groupId ?? null,
      position: v.position ?? '',
      phone: v.phone ?? '',
    };
    try {
      if (editing === 'new') await call('people.create', input);
      else if (editing) await call('people.update', { ...input, id: editing.id });
      message.success('已保存');
      setEditing(null);
      await reload();
    } catch (e) {
      showError(e, message.error, form, '');
    }
  };

  return (
    <>
      <div className="page-toolbar">
        <h2>人员名册</h2>
        <span className="muted">共 {people.length} 人</span>
        <Button type="primary" onClick={() => open('new')}>
          添加人员
        </Button>
      </div>
      <Table<Person>
        rowKey="id"
        dataSource={people}
        rowClassName={(p) => (p.id === highlight ? 'row-highlight' : '')}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '性别', dataIndex: 'gender', width: 70 },
          { title: '出生日期', dataIndex: 'birthDate', render: (d: string) => d || '—' },
          {
            title: '政治面貌',
            dataIndex: 'politicalStatus',
            filters: POLITICAL_STATUSES.map((s) => ({ text: s, value: s })),
            onFilter: (v, p) => p.politicalStatus === v,
          },
          { title: '党小组', dataIndex: 'groupName', render: (g: string | null) => g ?? '—' },
          {
            title: '职务',
            render: (_, p) => (
              <>
                {p.committeeRole && <Tag color="red">支部{p.committeeRole}</Tag>}
                {p.position}
              </>
            ),
          },
          { title: '电话', dataIndex: 'phone' },
          {
            title: '操作',
            width: 150,
            render: (_, p) => (
              <>
                <Button type="link" onClick={() => open(p)}>
                  编辑
                </Button>
                <Popconfirm
                  title={`把“${p.name}”移出名册？`}
                  description="已有会议记录中的姓名不受影响。"
                  onConfirm={async () => {
                    try {
                      await call('people.remove', { id: p.id });
                      await reload();
                    } catch (e) {
                      showError(e, message.error);
                    }
                  }}
                >
                  <Button type="link" danger>
                    移出
                  </Button>
                </Popconfirm>
              </>
            ),
          },
        ]}
      />
      <Modal
        title={editing === 'new' ? '添加人员' : '编辑人员'}
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText="保存"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save} initialValues={{ gender: '男', politicalStatus: '中共党员', groupId: null }}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="gender" label="性别" rules={[{ required: true, message: '请选择性别' }]}>
            <Select options={GENDERS.map((g) => ({ value: g, label: g }))} />
          </Form.Item>
          <Form.Item name="birthDate" label="出生日期">
            <DatePicker style={{ width: '100%' }} placeholder="选择日期" />
          </Form.Item>
          <Form.Item name="politicalStatus" label="政治面貌" rules={[{ required: true, message: '请选择政治面貌' }]}>
            <Select options={POLITICAL_STATUSES.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
          <Form.Item name="groupId" label="党小组">
            <Select allowClear options={[{ value: null, label: '（无）' }, ...branch.groups.map((g) => ({ value: g.id, label: g.name }))]} />
          </Form.Item>
          <Form.Item name="position" label="岗位/职务">
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="phone" label="电话">
            <Input maxLength={30} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
