// en strings for the 'expr' namespace. Keys mirror the other language's file.
// Error messages take the params of ExprError (src/expr/types.ts); localiseExprError fills
// {{hint}}, {{scope}} and the type names (expected, got, left, right) before interpolation.
export default {
  errors: {
    empty: 'The expression is empty; write a condition such as `active_users >= 10`.',
    syntax: 'Syntax error: {{detail}}.',
    unsupported_syntax:
      '{{what}} is not part of the expression language; use fields, literals, operators and functions.',
    unsupported_operator: 'The operator `{{op}}` is not supported{{hint}}',
    null_literal:
      '`null` is not a value here; test for a missing value with `is_missing(x)` or replace it with `coalesce(x, default)`.',
    unknown_field: 'Unknown field `{{name}}`{{hint}} Use a field id from the field contract.',
    unknown_function:
      'Unknown function `{{name}}`{{hint}} See the functions in the expression guide.',
    builtin_out_of_scope:
      '`{{name}}` is not available in a {{scope}}, where it is not computed yet; use it in CTA triggers or routing rules.',
    not_a_function: '`{{name}}` is a function; call it with arguments, e.g. `{{signature}}`.',
    arity: '`{{name}}` takes {{expected}} argument(s) but got {{got}}; write `{{signature}}`.',
    operand_type: '`{{op}}` needs {{expected}} on its {{side}}, but this is {{got}}.',
    argument_type: 'Argument {{index}} of `{{name}}` must be {{expected}}, but it is {{got}}.',
    mixed_types:
      'Cannot compare {{left}} with {{right}} using `{{op}}`; both sides must have the same type.',
    string_order:
      '`{{op}}` orders numbers and dates only; text compares with `==`, `!=` or `in [..]`.',
    unknown_category_value:
      "'{{value}}' is not one of the allowed values of `{{name}}` ({{allowed}}){{hint}}",
    list_expected: "`{{op}}` needs a list on its right, e.g. `{{name}} in ['a', 'b']`.",
    list_literal:
      'List items must be literal values of the same type as the left side ({{expected}}).',
    invalid_date:
      "`date()` takes one literal date 'YYYY-MM-DD' that exists in the calendar; got {{got}}.",
    digits_literal: "`round`'s digits must be a whole number literal from 0 to {{max}}.",
    result_type:
      'The {{scope}} must give {{expected}}, but this gives {{got}}; compare it, e.g. `x >= 10`.',
    unknown_source:
      'Unknown activity source `{{name}}`{{hint}} Sources declared in the playbook: {{sources}}.',
    unknown_attribute:
      '`{{source}}` has no attribute `{{name}}`{{hint}} Its attributes: {{allowed}}.',
    aggregate_usage: 'Write `{{name}}` over activity as `{{signature}}`.',
    attribute_type: '`{{fn}}` needs a {{expected}} attribute, but `{{name}}` is {{got}}.',
    window: 'A window is a whole number of days written like `30d` (1 to {{max}} days){{hint}}',
    duration_out_of_place:
      '`{{text}}` is a window length; it goes inside an activity function, e.g. `count(logins, {{text}})`.',
    named_argument:
      'Unknown option `{{name}}:`{{hint}} Activity functions take `before:` and `where:`.',
    change_argument:
      '`change()` takes one windowed activity aggregate, e.g. `change(count(logins, 30d))`.',
  },
  constructs: {
    literal: 'This literal',
    member: 'A dot or [] after a name',
    ternary: '`? :`',
    call_target: 'Calling something other than a function name',
    other: 'This construct',
  },
  syntax: {
    expected_after: 'a value is missing after `{{token}}`',
    expected_token: '`{{token}}` is missing',
    expected_comma: 'a comma is missing between two values',
    expected_value: 'a value is missing',
    unclosed_quote: 'a quote is not closed',
    unclosed: '`{{token}}` is not closed',
    unexpected: '`{{token}}` is not expected here',
    missing_operator: 'an operator such as `and` or `==` is missing between two values',
    bad_number: 'a number is malformed',
  },
  hint: {
    didYouMean: ' — did you mean `{{suggestion}}`?',
    none: '.',
  },
  at: 'at {{line}}:{{column}}',
  or: ' or ',
  side: { left: 'left', right: 'right' },
  types: {
    number: 'a number',
    string: 'text',
    boolean: 'true/false',
    date: 'a date',
  },
  scopes: {
    segment: 'segment rule',
    measure: 'measure',
    criterion: 'exit criterion',
    cta: 'CTA trigger',
    routing: 'routing rule',
  },
  builtins: {
    score: 'Health score 0–100 of the account',
    color: 'Colour band id of the account (e.g. green)',
    segment: 'Segment id of the account',
    stage: 'Lifecycle stage id of the account',
    days_in_stage: 'Days since the account entered its current stage',
  },
  functions: {
    days_since: 'Days from the date to the as-of date (positive when the date is in the past).',
    days_until: 'Days from the as-of date to the date (positive when the date is in the future).',
    days_between: 'Days from the first date to the second.',
    coalesce: 'The first argument that is not missing.',
    min: 'The smallest argument; missing if any argument is missing.',
    max: 'The largest argument; missing if any argument is missing.',
    abs: 'The absolute value.',
    round: 'Rounds half away from zero to the given number of decimals (default 0).',
    is_missing: 'True when the value is missing; never unknown.',
    if: 'The second argument when the condition is true, else the third (also when it is unknown).',
    date: "A date literal, e.g. date('2027-04-01').",
  },
  aggregates: {
    count: 'Number of events in the window (0 when there are none).',
    sum: 'Sum of a number attribute over the events in the window (0 when there are none).',
    avg: 'Average of a number attribute over the window; missing when there are no values.',
    min: 'Smallest value of a number attribute in the window; missing when there are none.',
    max: 'Largest value of a number attribute in the window; missing when there are none.',
    count_distinct: 'Number of different values of an attribute in the window (e.g. active users).',
    last: 'The value of the latest event in the window; missing when there are none.',
    days_since: 'Days from the latest event to the as-of date; missing when there are none.',
    change:
      'Relative change against the window before: (this − before) / before; −0.5 = fell by half.',
  },
  completion: {
    field: 'Field',
    builtin: 'Built-in',
    function: 'Function',
    keyword: 'Operator',
    value: 'Allowed value',
    source: 'Activity source',
    attribute: 'Attribute',
  },
} as const;
