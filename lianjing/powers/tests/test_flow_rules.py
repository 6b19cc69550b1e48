from lianjing.powers.flow import DECISION, END, START, STEP, EdgeLink, StepNode, flow_problems


def licence_flow(extra_edges=(), drop=()):
    steps = [
        StepNode("s", "申请", START),
        StepNode("a", "受理", STEP),
        StepNode("d", "材料是否齐全", DECISION),
        StepNode("b", "补正材料", STEP),
        StepNode("r", "审查", STEP),
        StepNode("e", "办结", END),
    ]
    edges = [
        EdgeLink("s", "a"),
        EdgeLink("a", "d"),
        EdgeLink("d", "r", "齐全"),
        EdgeLink("d", "b", "不齐全"),
        EdgeLink("b", "a"),  # the loop back to 受理: allowed, it has a way out
        EdgeLink("r", "e"),
        *extra_edges,
    ]
    return steps, [e for e in edges if (e.source, e.target) not in drop]


def test_a_branching_flow_with_a_loop_that_has_a_way_out_is_sound():
    assert flow_problems(*licence_flow()) == []


def test_a_dead_end_is_named():
    steps, edges = licence_flow(drop={("r", "e")})
    problems = flow_problems(steps, edges)
    assert "环节“审查”无法到达结束节点（死路或没有出口的循环）" in problems


def test_a_loop_with_no_way_out_is_named():
    steps, edges = licence_flow(drop={("d", "r")})
    edges = [e for e in edges if (e.source, e.target) != ("d", "b")] + [
        EdgeLink("d", "b", "不齐全"),
        EdgeLink("d", "a", "退回"),
    ]
    problems = flow_problems(steps, edges)
    assert any("“受理”无法到达结束节点" in p for p in problems)
    assert any("“审查”无法从开始节点到达" in p for p in problems)


def test_disconnected_step_and_orphan_edge():
    steps, edges = licence_flow()
    steps.append(StepNode("x", "归档", STEP))
    edges.append(EdgeLink("x", "zz"))
    problems = flow_problems(steps, edges)
    assert "环节“归档”无法从开始节点到达" in problems
    assert any("指向不存在的环节：zz" in p for p in problems)


def test_exactly_one_start_and_labelled_branches():
    steps, edges = licence_flow()
    steps.append(StepNode("s2", "另一个开始", START))
    edges = [EdgeLink(e.source, e.target, "" if e.source == "d" else e.label) for e in edges]
    problems = flow_problems(steps, edges)
    assert any(p.startswith("流程必须有且只有一个开始节点（现有 2 个") for p in problems)
    assert "判断节点“材料是否齐全”的每个分支都要标注条件（如“符合”“不符合”）" in problems


def test_ordinary_step_with_two_ways_must_be_a_decision():
    steps, edges = licence_flow(extra_edges=[EdgeLink("r", "b")])
    assert "环节“审查”有多个后续环节，请改为判断节点并为每个分支标注条件" in flow_problems(
        steps, edges
    )


def test_two_branches_to_the_same_step_and_duplicate_keys_are_named():
    from lianjing.powers.flow import DECISION, END, START, EdgeLink, StepNode, flow_problems

    steps = [
        StepNode("s", "申请", START),
        StepNode("d", "是否符合", DECISION),
        StepNode("e", "办结", END),
        StepNode("e", "归档", END),
    ]
    edges = [EdgeLink("s", "d"), EdgeLink("d", "e", "符合"), EdgeLink("d", "e", "不符合")]
    problems = flow_problems(steps, edges)
    assert "环节编号 e 重复（“归档”）" in problems
    assert any("有两条连线，同一去向只能有一条" in p and "是否符合" in p for p in problems)
