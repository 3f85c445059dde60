namespace Analytics.Domain.Workflows;

/// <summary>
/// A workflow's legal transitions as data: (state, action) → next state. Anything not in the table is illegal, so a
/// new action or state is illegal everywhere until a line here says otherwise.
/// </summary>
public sealed class StateMachine<TState, TAction>
    where TState : struct, Enum
    where TAction : struct, Enum
{
    private readonly Dictionary<(TState From, TAction Action), TState> _next;

    public StateMachine(string name, IEnumerable<(TState From, TAction Action, TState To)> transitions)
    {
        Name = name;
        _next = transitions.ToDictionary(t => (t.From, t.Action), t => t.To);
    }

    /// <summary>The workflow's name in errors, e.g. "Case".</summary>
    public string Name { get; }

    public IEnumerable<(TState From, TAction Action, TState To)> Transitions =>
        _next.Select(t => (t.Key.From, t.Key.Action, t.Value));

    public bool CanApply(TState from, TAction action) => _next.ContainsKey((from, action));

    /// <summary>The state after <paramref name="action"/>, or <see cref="InvalidTransitionException"/> when it is illegal from <paramref name="from"/>.</summary>
    public TState Next(TState from, TAction action) =>
        _next.TryGetValue((from, action), out var to)
            ? to
            : throw new InvalidTransitionException(Name, from.ToString(), action.ToString(),
                [.. Enum.GetValues<TAction>().Where(a => CanApply(from, a)).Select(a => a.ToString())]);
}

/// <summary>An action that the workflow does not allow from the current state; nothing was changed.</summary>
public sealed class InvalidTransitionException(string workflow, string from, string action, IReadOnlyList<string> allowed)
    : InvalidOperationException(allowed.Count == 0
        ? $"{workflow} in state {from} cannot be changed any more ({action} refused)."
        : $"{workflow} in state {from} cannot {action}; allowed: {string.Join(", ", allowed)}.")
{
    public string Workflow { get; } = workflow;

    public string From { get; } = from;

    public string Action { get; } = action;

    public IReadOnlyList<string> Allowed { get; } = allowed;
}

/// <summary>A domain rule broken by the input (a value out of range, a wrong kind of target); nothing was changed.</summary>
public sealed class DomainRuleException(string field, string message) : ArgumentException(message)
{
    /// <summary>The input field at fault, in the API's camelCase.</summary>
    public string Field { get; } = field;
}
