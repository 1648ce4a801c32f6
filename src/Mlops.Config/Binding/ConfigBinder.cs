using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mlops.Config.Tree;
using Mlops.Core;

namespace Mlops.Config.Binding;

/// <summary>
/// Binds a resolved tree into immutable option records: snake_case keys to init-only properties, strictly.
/// An unknown key, a wrong type, a missing <c>required</c> key, a <c>???</c> left unset or a failed
/// <see cref="ValidationAttribute"/> (such as <see cref="RangeAttribute"/>) or <see cref="IValidatableObject"/> check
/// is a <see cref="ConfigException"/> that names the key path and the file:line:column it came from.
/// Hand-written rather than Microsoft.Extensions.Configuration.Binder because that binder drops the source
/// positions, coerces silently and cannot suggest the key a user meant.
/// </summary>
[UnconditionalSuppressMessage("Trimming", "IL2026", Justification = ReflectionOverOwnRecords)]
[UnconditionalSuppressMessage("Trimming", "IL2067", Justification = ReflectionOverOwnRecords)]
[UnconditionalSuppressMessage("Trimming", "IL2070", Justification = ReflectionOverOwnRecords)]
[UnconditionalSuppressMessage("AOT", "IL3050", Justification = ReflectionOverOwnRecords)]
public static class ConfigBinder
{
    /// <summary>
    /// Why the binder's reflection is safe in trimmed and native-AOT hosts: it reaches only the option records of our own
    /// assemblies, which the container profile keeps whole (TrimmerRootAssembly), and the image check binds the serving
    /// config in both hosts.
    /// </summary>
    private const string ReflectionOverOwnRecords = "Binds option records of assemblies that trimmed and AOT publishes keep whole.";

    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, PropertyInfo>> PropertiesByKey = new();

    public static T Bind<T>(ConfigNode node, string path = "") where T : class =>
        (T)BindValue(typeof(T), node, path, allowNull: false)!;

    /// <summary>
    /// The config key of a property: its snake_case name (<c>LimitTrainBatches</c> is <c>limit_train_batches</c>),
    /// unless a <see cref="JsonPropertyNameAttribute"/> names it.
    /// </summary>
    public static string KeyOf(string propertyName) => JsonNamingPolicy.SnakeCaseLower.ConvertName(propertyName);

    private static object? BindValue(Type type, ConfigNode node, string path, bool allowNull)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        allowNull |= target != type;
        switch (node)
        {
            case ConfigScalar { Kind: ScalarKind.Missing }:
                throw new ConfigException($"'{path}' has no value ('???'{node.At}).", $"Set it on the command line: {path}=<value>.");
            case ConfigScalar { Kind: ScalarKind.Null }:
                return allowNull ? null : throw WrongType(path, node, Describe(target));
            case ConfigScalar scalar:
                return BindScalar(target, scalar, path);
            case ConfigList list when ElementTypeOfList(target) is { } element:
                var array = Array.CreateInstance(element, list.Items.Count);
                for (var i = 0; i < list.Items.Count; i++)
                    array.SetValue(BindValue(element, list.Items[i], ConfigPath.Join(path, i.ToString()), allowNull: false), i);
                return array;
            case ConfigMap map when IsRecordLike(target):
                return BindObject(target, map, path);
            default:
                throw WrongType(path, node, Describe(target));
        }
    }

    private static object BindScalar(Type target, ConfigScalar scalar, string path)
    {
        var text = scalar.Text;
        object? value = target switch
        {
            _ when target == typeof(string) => text,
            _ when target == typeof(int) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) && ScalarLiteral.IsInt(text) ? i : null,
            _ when target == typeof(long) => ScalarLiteral.IsInt(text) ? long.Parse(text, CultureInfo.InvariantCulture) : null,
            _ when target == typeof(double) => ScalarLiteral.IsNumber(text) ? ScalarLiteral.ParseFloat(text) : null,
            _ when target == typeof(bool) => ScalarLiteral.IsBool(text) ? bool.Parse(text) : null,
            { IsEnum: true } => ParseEnum(target, text),
            _ => null,
        };
        return value ?? throw WrongType(path, scalar, Describe(target));
    }

    private static object? ParseEnum(Type type, string text)
    {
        var name = Enum.GetNames(type).FirstOrDefault(n => string.Equals(n, text.Replace("_", ""), StringComparison.OrdinalIgnoreCase));
        return name is null ? null : Enum.Parse(type, name);
    }

    private static object BindObject(Type type, ConfigMap map, string path)
    {
        var instance = Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"{type.Name} needs a parameterless constructor to be bound.");
        var properties = Properties(type);
        var nullability = new NullabilityInfoContext(); // not thread-safe, so one per call
        foreach (var (key, node) in map.Entries)
        {
            var keyPath = ConfigPath.Join(path, key);
            if (!properties.TryGetValue(key, out var property))
                throw new ConfigException($"Unknown key '{keyPath}'{node.At}.", Suggestions.Hint(path.Length == 0 ? "top-level keys" : $"keys in '{path}'", key, [.. properties.Keys]));
            var allowNull = nullability.Create(property).WriteState == NullabilityState.Nullable;
            var value = BindValue(property.PropertyType, node, keyPath, allowNull);
            foreach (var rule in property.GetCustomAttributes<ValidationAttribute>())
                if (!rule.IsValid(value))
                    throw new ConfigException($"Invalid value at '{keyPath}'{node.At}: {Describe(value)}.", Explain(rule, keyPath));
            property.SetValue(instance, value);
        }
        foreach (var (key, property) in properties)
            if (property.GetCustomAttribute<RequiredMemberAttribute>() is not null && map[key] is null)
                throw new ConfigException($"Missing required key '{ConfigPath.Join(path, key)}'{map.At}.", $"Add it to the config or set it: +{ConfigPath.Join(path, key)}=<value>.");
        if (instance is IValidatableObject validatable)
        {
            var failure = validatable.Validate(new ValidationContext(instance)).FirstOrDefault();
            if (failure is not null)
            {
                var member = failure.MemberNames.FirstOrDefault();
                var keyPath = member is null ? path : ConfigPath.Join(path, KeyOf(member));
                throw new ConfigException($"Invalid config at '{keyPath}'{(member is null ? map : map[KeyOf(member)] ?? map).At}: {failure.ErrorMessage}");
            }
        }
        return instance;
    }

    private static IReadOnlyDictionary<string, PropertyInfo> Properties(Type type) => PropertiesByKey.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? KeyOf(p.Name), StringComparer.Ordinal));

    private static Type? ElementTypeOfList(Type type) => type switch
    {
        { IsArray: true } => type.GetElementType(),
        { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) => type.GetGenericArguments()[0],
        _ => null,
    };

    private static bool IsRecordLike(Type type) => type.IsClass && type != typeof(string) && type.GetConstructor(Type.EmptyTypes) is not null;

    private static string Explain(ValidationAttribute rule, string keyPath) => rule switch
    {
        RangeAttribute range when IsUnbounded(range.Maximum) => $"Expected a value {(range.MinimumIsExclusive ? ">" : ">=")} {range.Minimum}.",
        RangeAttribute range => $"Expected a value in {(range.MinimumIsExclusive ? '(' : '[')}{range.Minimum}, {range.Maximum}{(range.MaximumIsExclusive ? ')' : ']')}.",
        _ => rule.FormatErrorMessage(keyPath),
    };

    private static bool IsUnbounded(object maximum) => maximum is int.MaxValue or double.MaxValue;

    private static string Describe(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(string) => "a string",
        _ when type == typeof(int) || type == typeof(long) => "an int",
        _ when type == typeof(double) => "a float",
        _ when type == typeof(bool) => "a bool (true or false)",
        { IsEnum: true } => $"one of {string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))}",
        _ when ElementTypeOfList(type) is not null => "a list",
        _ => "a mapping",
    };

    private static ConfigException WrongType(string path, ConfigNode node, string expected) =>
        new($"Expected {expected} at '{path}', got {node.Describe()}{node.At}.");
}
