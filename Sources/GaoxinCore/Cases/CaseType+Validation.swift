extension CaseType {
    /// Everything wrong with this definition, in Chinese, one problem per message; empty when it can run.
    /// Checked: empty or duplicate codes, unknown states, transitions leaving final states or open to no
    /// role, states unreachable from the initial state, non-final dead ends, no final state, negative
    /// or final-state time limits.
    public func validationProblems() -> [String] {
        var problems: [String] = []
        if code.isBlank { problems.append("类型编码不能为空") }
        if name.isBlank { problems.append("类型名称不能为空") }

        var stateCodes = Set<String>()
        for state in states {
            if state.code.isBlank { problems.append("状态“\(state.name)”的编码不能为空") }
            if !stateCodes.insert(state.code).inserted { problems.append("状态编码“\(state.code)”重复") }
            if let limit = state.timeLimit {
                if limit.amount < 0 { problems.append("状态“\(state.name)”的时限不能为负数（\(limit.amount)）") }
                if state.isFinal { problems.append("终态“\(state.name)”不应设置时限") }
            }
        }
        if !states.contains(where: \.isFinal) { problems.append("没有任何终态：案件将永远无法办结") }

        var transitionCodes = Set<String>()
        for transition in transitions {
            let label = "流转“\(transition.name)”（\(transition.code)）"
            if transition.code.isBlank { problems.append("流转“\(transition.name)”的编码不能为空") }
            if !transitionCodes.insert(transition.code).inserted { problems.append("流转编码“\(transition.code)”重复") }
            if transition.from.isEmpty { problems.append("\(label)没有起始状态") }
            for from in transition.from {
                guard let state = state(from) else {
                    problems.append("\(label)的起始状态“\(from)”不存在")
                    continue
                }
                if state.isFinal { problems.append("\(label)从终态“\(state.name)”出发：终态不能再流转") }
            }
            if state(transition.to) == nil { problems.append("\(label)的目标状态“\(transition.to)”不存在") }
            if transition.roles.isEmpty { problems.append("\(label)未指定可执行的角色") }
        }

        guard let initial = state(initialState) else {
            problems.append("初始状态“\(initialState)”不存在")
            return problems
        }
        if initial.isFinal { problems.append("初始状态“\(initial.name)”不能是终态") }

        // Reachability from the initial state over the declared transitions.
        var reached: Set<String> = [initialState]
        var frontier = [initialState]
        while let current = frontier.popLast() {
            for transition in transitions where transition.from.contains(current) && !reached.contains(transition.to) {
                reached.insert(transition.to)
                frontier.append(transition.to)
            }
        }
        for state in states where !reached.contains(state.code) {
            problems.append("状态“\(state.name)”（\(state.code)）从初始状态无法到达")
        }
        for state in states where !state.isFinal && !transitions.contains(where: { $0.from.contains(state.code) }) {
            problems.append("状态“\(state.name)”不是终态，却没有可以离开的流转")
        }
        if let followUp = rating?.followUpCaseType, followUp.isBlank {
            problems.append("差评后续案件类型的编码不能为空（不需要时请删除该项）")
        }
        return problems
    }
}

extension String {
    /// Empty or only spaces: what a person sees as "nothing typed".
    fileprivate var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
