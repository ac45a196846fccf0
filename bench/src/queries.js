// The operations the benchmark sends, and how each system's answer maps to one canonical shape (the
// shape of our API's response) for the equality check.

const TALLY = 'total red amber green unrated notStarted inProgress complete cancelled overdue staleUpdates';

export const OURS_ROLLUP = `query BenchBoardRollup($strategyId: ID!, $asOf: Date) {
  boardRollup(strategyId: $strategyId, asOf: $asOf) {
    asOf
    totals { ${TALLY} }
    objectives {
      objective { id code }
      score derivedRag actions { ${TALLY} }
      outputs { output { id } score derivedRag actions { ${TALLY} } }
      outcomes { outcome { id } indicators { indicator { id } baseline target latest latestPeriod progress } }
    }
    tagCoverage(kind: "ecological-level") { objective { id } tag { slug } actionCount }
    recommendations { total open inProgress implemented assured overdue }
    feedback { total responded }
  }
}`;

export const OURS_LIST = `query BenchGroupActions($groupId: ID!) {
  actions(filter: { groupId: $groupId }, first: 50) {
    pageInfo { hasNextPage }
    edges { node {
      id ref title dueOn status rag
      group { id name }
      objective { id code title }
      latestUpdate { id reportedOn rag status progress }
      tags { kind slug label }
    } }
  }
}`;

export const OURS_ADD_UPDATE = `mutation BenchAddActionUpdate($input: ActionUpdateInput!) {
  addActionUpdate(input: $input) { id reportedOn status rag }
}`;

export const PEER_ROLLUP = `query BenchRollup($strategyId: UUID!, $asOf: Date!) {
  benchRollup(strategyId: $strategyId, asOf: $asOf, kind: "ecological-level")
}`;

export const PEER_LIST = `query BenchGroupActions($groupId: UUID!) {
  allActions(condition: { groupId: $groupId }, orderBy: [REF_ASC, PRIMARY_KEY_ASC], first: 50) {
    pageInfo { hasNextPage }
    nodes {
      rowId ref title dueOn currentStatus currentRag
      operationalGroupByGroupId { rowId name }
      objectiveByObjectiveId { rowId code title }
      latestUpdate { rowId reportedOn rag status progress }
      tagListList { kind slug label }
    }
  }
}`;

export const canonical = {
  oursRollup: (data) => data.boardRollup,
  oursList: (data) => data.actions,
  peerRollup: (data) =>
    typeof data.benchRollup === 'string' ? JSON.parse(data.benchRollup) : data.benchRollup,
  peerList: (data) => ({
    pageInfo: data.allActions.pageInfo,
    edges: data.allActions.nodes.map((n) => ({
      node: {
        id: n.rowId,
        ref: n.ref,
        title: n.title,
        dueOn: n.dueOn,
        status: n.currentStatus,
        rag: n.currentRag,
        group: { id: n.operationalGroupByGroupId.rowId, name: n.operationalGroupByGroupId.name },
        objective: {
          id: n.objectiveByObjectiveId.rowId,
          code: n.objectiveByObjectiveId.code,
          title: n.objectiveByObjectiveId.title,
        },
        latestUpdate: n.latestUpdate && {
          id: n.latestUpdate.rowId,
          reportedOn: n.latestUpdate.reportedOn,
          rag: n.latestUpdate.rag,
          status: n.latestUpdate.status,
          progress: n.latestUpdate.progress,
        },
        tags: n.tagListList,
      },
    })),
  }),
};

// Reporting rounds (issue 18): what the web app's round pages send (packages/sdk/src/operations/rounds).
export const OURS_OPEN_ROUND = `mutation BenchOpenRound($input: ReportingRoundInput!) {
  openReportingRound(input: $input) { id }
}`;

/** The strategic lead's overview of a round: every group's return at a glance (WebRoundOverview). */
export const OURS_ROUND_OVERVIEW = `query BenchRoundOverview($id: ID!) {
  reportingRound(id: $id) {
    id title periodEnd returnsDueOn boardMeetingOn windowStartsOn status
    strategy { id title }
    returns {
      id status submittedAt decidedAt
      group { id name }
      submittedBy { id name }
      actionCount actionsDueCount
    }
  }
}`;

/** "What is due from me" on a chair's home page (WebMyReturns). */
export const OURS_MY_RETURNS = `query BenchMyReturns {
  myReturns {
    id status
    group { id name }
    round { id title returnsDueOn strategy { id title } }
    actionCount actionsDueCount
  }
}`;
