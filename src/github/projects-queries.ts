// The GraphQL documents planbot sends for GitHub Projects (v2). Kept as plain strings in one place
// so the simulator (tools/sim) and a test can validate exactly these against GitHub's schema.

/** What planbot reads of a Project: its fields (with options and iterations) and one page of items. */
const BOARD_FRAGMENT = `
fragment PlanbotBoard on ProjectV2 {
  id
  title
  fields(first: 50) {
    nodes {
      __typename
      ... on ProjectV2FieldCommon { id name dataType }
      ... on ProjectV2SingleSelectField { options { id name } }
      ... on ProjectV2IterationField {
        configuration {
          iterations { id title startDate duration }
          completedIterations { id title startDate duration }
        }
      }
    }
  }
  items(first: 100, after: $cursor) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id
      isArchived
      content {
        __typename
        ... on Issue { id number }
        ... on PullRequest { id number }
      }
      fieldValues(first: 30) {
        nodes {
          __typename
          ... on ProjectV2ItemFieldSingleSelectValue { optionId field { ... on ProjectV2FieldCommon { id } } }
          ... on ProjectV2ItemFieldNumberValue { number field { ... on ProjectV2FieldCommon { id } } }
          ... on ProjectV2ItemFieldTextValue { text field { ... on ProjectV2FieldCommon { id } } }
          ... on ProjectV2ItemFieldDateValue { date field { ... on ProjectV2FieldCommon { id } } }
          ... on ProjectV2ItemFieldIterationValue { iterationId field { ... on ProjectV2FieldCommon { id } } }
        }
      }
    }
  }
}`;

/** An organisation's Project by number; paginate with `cursor` (null first). */
export const READ_ORG_BOARD = `query PlanbotOrgBoard($login: String!, $number: Int!, $cursor: String) {
  rateLimit { cost remaining resetAt }
  owner: organization(login: $login) { projectV2(number: $number) { ...PlanbotBoard } }
}
${BOARD_FRAGMENT}`;

/** A user's Project by number; the same shape as the organisation's. */
export const READ_USER_BOARD = `query PlanbotUserBoard($login: String!, $number: Int!, $cursor: String) {
  rateLimit { cost remaining resetAt }
  owner: user(login: $login) { projectV2(number: $number) { ...PlanbotBoard } }
}
${BOARD_FRAGMENT}`;

export const ADD_ITEM = `mutation PlanbotAddItem($projectId: ID!, $contentId: ID!) {
  addProjectV2ItemById(input: { projectId: $projectId, contentId: $contentId }) { item { id } }
}`;

/** `value` is one of { singleSelectOptionId } { number } { text } { date: "YYYY-MM-DD" } { iterationId }. */
export const SET_FIELD = `mutation PlanbotSetField($projectId: ID!, $itemId: ID!, $fieldId: ID!, $value: ProjectV2FieldValue!) {
  updateProjectV2ItemFieldValue(input: { projectId: $projectId, itemId: $itemId, fieldId: $fieldId, value: $value }) { projectV2Item { id } }
}`;

export const CLEAR_FIELD = `mutation PlanbotClearField($projectId: ID!, $itemId: ID!, $fieldId: ID!) {
  clearProjectV2ItemFieldValue(input: { projectId: $projectId, itemId: $itemId, fieldId: $fieldId }) { projectV2Item { id } }
}`;

/** Every document planbot sends, by operation name. */
export const PROJECT_DOCUMENTS = {
  PlanbotOrgBoard: READ_ORG_BOARD,
  PlanbotUserBoard: READ_USER_BOARD,
  PlanbotAddItem: ADD_ITEM,
  PlanbotSetField: SET_FIELD,
  PlanbotClearField: CLEAR_FIELD,
} as const;
