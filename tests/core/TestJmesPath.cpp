#include "JmesPath.h"
#include "JmesPathError.h"
#include "JmesPathEvaluator.h"
#include "JmesPathFunctions.h"
#include "JmesPathLexer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace footfall;

namespace {

// Any JSON value, scalars included (QJsonDocument reads only objects and arrays).
QJsonValue jsonValue(const QString& text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson("[" + text.toUtf8() + "]", &error);
    if (error.error != QJsonParseError::NoError || document.array().size() != 1)
        qFatal("bad JSON in a test row: %s", qPrintable(text));
    return document.array().first();
}

QJsonValue json(const char* text)
{
    return jsonValue(QString::fromUtf8(text));
}

QString s(const char* text)
{
    return QString::fromUtf8(text);
}

QString text(const QJsonValue& value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
}

void searchColumns()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
}

void searchRow(const char* name, const char* expression, const char* input, const char* expected)
{
    QTest::newRow(name) << s(expression) << s(input) << s(expected);
}

QString tokenTypes(const QString& expression)
{
    static const QStringList names = {
        s("id"), s("qid"), s("num"), s("lit"), s("."), s("*"),  s("[]"), s("[?"), s("["),  s("]"),
        s("{"),  s("}"),   s("("),   s(")"),   s(","), s(":"),  s("|"),  s("||"), s("&&"), s("!"),
        s("=="), s("!="),  s("<"),   s("<="),  s(">"), s(">="), s("@"),  s("&"),  s("end")};
    QStringList types;
    for (const JmesPathToken& token : JmesPathLexer(expression).tokens())
        types << names.at(int(token.type));
    return types.join(QLatin1Char(' '));
}

} // namespace

// Each part of the JMESPath specification has its own table; the expected values were worked out
// from the specification's text.
class TestJmesPath : public QObject
{
    Q_OBJECT

private slots:
    void lexer_data();
    void lexer();
    void lexerValues();
    void truthiness_data();
    void truthiness();
    void identifiers_data();
    void identifiers() { checkSearch(); }
    void subexpressions_data();
    void subexpressions() { checkSearch(); }
    void index_data();
    void index() { checkSearch(); }
    void slices_data();
    void slices() { checkSearch(); }
    void listProjections_data();
    void listProjections() { checkSearch(); }
    void objectProjections_data();
    void objectProjections() { checkSearch(); }
    void flatten_data();
    void flatten() { checkSearch(); }
    void filters_data();
    void filters() { checkSearch(); }
    void andOrNot_data();
    void andOrNot() { checkSearch(); }
    void pipes_data();
    void pipes() { checkSearch(); }
    void multiSelectLists_data();
    void multiSelectLists() { checkSearch(); }
    void multiSelectHashes_data();
    void multiSelectHashes() { checkSearch(); }
    void literals_data();
    void literals() { checkSearch(); }
    void currentNode_data();
    void currentNode() { checkSearch(); }
    void functions_data();
    void functions() { checkSearch(); }
    void deepButBoundedNestingWorks();
    void compileErrors_data();
    void compileErrors();
    void evaluationErrors_data();
    void evaluationErrors();
    void errorPositions_data();
    void errorPositions();
    void errorMessages_data();
    void errorMessages();
    void compiledExpressionIsReusable();
    void everyFunctionIsThere();
    void memberOrderGuidesKeysValuesAndValueProjections();

private:
    void checkSearch();
};

void TestJmesPath::checkSearch()
{
    QFETCH(QString, expression);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QJsonValue result;
    try {
        result = JmesPath::compile(expression).search(jsonValue(input));
    } catch (const JmesPathError& error) {
        QFAIL(qPrintable(QStringLiteral("%1 error: %2").arg(error.kindName(), error.message())));
    }
    QCOMPARE(text(result), text(jsonValue(expected)));
}

void TestJmesPath::lexer_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("tokens");
    QTest::newRow("empty") << s("") << s("end");
    QTest::newRow("identifier") << s("foo") << s("id end");
    QTest::newRow("sub-expression") << s("a.b") << s("id . id end");
    QTest::newRow("whitespace") << s(" a \t.\n b\r") << s("id . id end");
    QTest::newRow("brackets") << s("[] [? [ ] [*]") << s("[] [? [ ] [ * ] end");
    QTest::newRow("braces and parens") << s("{}()") << s("{ } ( ) end");
    QTest::newRow("logic") << s("a || b && !c | d") << s("id || id && ! id | id end");
    QTest::newRow("comparators") << s("== != < <= > >=") << s("== != < <= > >= end");
    QTest::newRow("numbers") << s("[0, -12]") << s("[ num , num ] end");
    QTest::newRow("current and reference") << s("@ &a") << s("@ & id end");
    QTest::newRow("quoted identifier") << s(R"("a b".c)") << s("qid . id end");
    QTest::newRow("literals") << s("`1` 'x'") << s("lit lit end");
    QTest::newRow("colon and comma") << s("[1:2, 3]") << s("[ num : num , num ] end");
    QTest::newRow("no space needed") << s("a[?b==`1`]|c") << s("id [? id == lit ] | id end");
    QTest::newRow("identifier with digits") << s("a1_b2") << s("id end");
    QTest::newRow("number then identifier") << s("1a") << s("num id end");
}

void TestJmesPath::lexer()
{
    QFETCH(QString, expression);
    QFETCH(QString, tokens);
    QCOMPARE(tokenTypes(expression), tokens);
}

void TestJmesPath::lexerValues()
{
    const QList<JmesPathToken> tokens = JmesPathLexer(s(R"("a\nb" `{"k": [1]}` 'r\'s' -7 name)")).tokens();
    QCOMPARE(tokens.size(), 6);
    QCOMPARE(tokens.at(0).text, QStringLiteral("a\nb"));
    QCOMPARE(tokens.at(1).value, json(R"({"k": [1]})"));
    QCOMPARE(tokens.at(2).value, QJsonValue(QStringLiteral("r's")));
    QCOMPARE(tokens.at(3).value, QJsonValue(-7));
    QCOMPARE(tokens.at(4).text, QStringLiteral("name"));
    QCOMPARE(tokens.at(4).position, qsizetype(30));
}

void TestJmesPath::truthiness_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("truthy");
    QTest::newRow("false") << s("false") << false;
    QTest::newRow("null") << s("null") << false;
    QTest::newRow("empty string") << s(R"("")") << false;
    QTest::newRow("empty array") << s("[]") << false;
    QTest::newRow("empty object") << s("{}") << false;
    QTest::newRow("true") << s("true") << true;
    QTest::newRow("zero") << s("0") << true;
    QTest::newRow("string") << s(R"("a")") << true;
    QTest::newRow("space") << s(R"(" ")") << true;
    QTest::newRow("array of null") << s("[null]") << true;
    QTest::newRow("object") << s(R"({"a": null})") << true;
}

void TestJmesPath::truthiness()
{
    QFETCH(QString, value);
    QFETCH(bool, truthy);
    QCOMPARE(JmesPathEvaluator::isTruthy(jsonValue(value)), truthy);
}

void TestJmesPath::deepButBoundedNestingWorks()
{
    const QString parentheses =
        QStringLiteral("(").repeated(100) + QStringLiteral("a") + QStringLiteral(")").repeated(100);
    QCOMPARE(JmesPath::compile(parentheses).search(QJsonObject{{QStringLiteral("a"), 7}}), QJsonValue(7));
    const QString chain = QStringLiteral("a") + QStringLiteral(".a").repeated(200);
    QJsonValue nested = 1;
    for (int i = 0; i < 201; ++i)
        nested = QJsonObject{{QStringLiteral("a"), nested}};
    QCOMPARE(JmesPath::compile(chain).search(nested), QJsonValue(1));
}

void TestJmesPath::compileErrors()
{
    QFETCH(QString, expression);
    QFETCH(QString, kinds);
    try {
        JmesPath::compile(expression);
    } catch (const JmesPathError& error) {
        QVERIFY2(kinds.split(QLatin1Char('|')).contains(error.kindName()),
                 qPrintable(QStringLiteral("%1 error: %2").arg(error.kindName(), error.message())));
        QVERIFY(!error.message().isEmpty());
        QVERIFY(error.position() >= 0 && error.position() <= expression.size());
        return;
    }
    QFAIL("the expression compiled");
}

void TestJmesPath::evaluationErrors()
{
    QFETCH(QString, expression);
    QFETCH(QString, input);
    QFETCH(QString, kind);
    const JmesPath compiled = JmesPath::compile(expression);
    try {
        compiled.search(jsonValue(input));
    } catch (const JmesPathError& error) {
        QCOMPARE(error.kindName(), kind);
        QVERIFY(!error.message().isEmpty());
        return;
    }
    QFAIL("the search succeeded");
}

void TestJmesPath::errorPositions_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("position");
    QTest::newRow("unknown character") << s("foo#") << 3;
    QTest::newRow("single equals") << s("a = b") << 2;
    QTest::newRow("unclosed quote") << s(R"(a."b)") << 2;
    QTest::newRow("unclosed literal") << s("a[?b == `1]") << 8;
    QTest::newRow("trailing dot is at the end") << s("foo.") << 4;
    QTest::newRow("unexpected token") << s("a.[0]") << 3;
    QTest::newRow("extra token") << s("a b") << 2;
    QTest::newRow("unknown function") << s("a | nope(@)") << 4;
    QTest::newRow("arity") << s("[?length(a, b)]") << 2;
}

void TestJmesPath::errorPositions()
{
    QFETCH(QString, expression);
    QFETCH(int, position);
    try {
        JmesPath::compile(expression);
    } catch (const JmesPathError& error) {
        QCOMPARE(error.position(), position);
        return;
    }
    QFAIL("the expression compiled");
}

void TestJmesPath::errorMessages_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown function") << s("nope(@)") << s("{}") << s("Unknown function: nope()");
    QTest::newRow("arity") << s("length(@, @)") << s("{}")
                           << s("Expected 1 argument for function length(), received 2");
    QTest::newRow("variadic arity") << s("merge()") << s("{}")
                                    << s("Expected at least 1 argument for function merge(), received 0");
    // Type errors in Python's jmespath words (what the AWS CLI prints), each checked against it.
    QTest::newRow("type")
        << s("abs(@)") << s(R"("x")")
        << s(R"(In function abs(), invalid type for value: x, expected one of: ['number'], received: "string")");
    QTest::newRow("typed array names the element")
        << s("sum(@)") << s(R"([1, "2"])")
        << s(R"(In function sum(), invalid type for value: 2, expected one of: ['array-number'], received: "str")");
    QTest::newRow("null as None")
        << s("length(@)") << s("null")
        << s(R"(In function length(), invalid type for value: None, expected one of: ['string', 'array', 'object'], received: "null")");
    QTest::newRow("a boolean key")
        << s("max_by(@, &b)") << s(R"([{"b": true}])")
        << s(R"(In function max_by(), invalid type for value: True, expected one of: ['number', 'string'], received: "boolean")");
    QTest::newRow("a list as Python prints it")
        << s("abs(@)") << s(R"([1, "x", null, true, {"k": 1.5}])")
        << s(R"(In function abs(), invalid type for value: [1, 'x', None, True, {'k': 1.5}], expected one of: ['number'], received: "array")");
    QTest::newRow("incomplete") << s("foo[") << s("{}") << s("Incomplete expression");
    QTest::newRow("unexpected") << s("a.[0]") << s("{}") << s("Expecting an expression, got number 0");
    QTest::newRow("unknown token") << s("a = b") << s("{}") << s("Unknown token '='");
    QTest::newRow("slice step") << s("[::0]") << s("[]") << s("slice step cannot be zero");
}

void TestJmesPath::errorMessages()
{
    QFETCH(QString, expression);
    QFETCH(QString, input);
    QFETCH(QString, message);
    try {
        JmesPath::compile(expression).search(jsonValue(input));
    } catch (const JmesPathError& error) {
        QCOMPARE(error.message(), message);
        return;
    }
    QFAIL("no error");
}

void TestJmesPath::compiledExpressionIsReusable()
{
    const JmesPath compiled = JmesPath::compile(QStringLiteral("items[?n > `1`].n | sort(@)"));
    QCOMPARE(compiled.search(json(R"({"items": [{"n": 3}, {"n": 2}, {"n": 1}]})")), json("[2, 3]"));
    QCOMPARE(compiled.search(json(R"({"items": []})")), json("[]"));
    QCOMPARE(compiled.search(json(R"({"items": [{"n": 0}]})")), json("[]"));
    const JmesPath copy = compiled;
    QCOMPARE(copy.search(json(R"({"items": [{"n": 5}]})")), json("[5]"));
    QCOMPARE(copy.expression(), QStringLiteral("items[?n > `1`].n | sort(@)"));
}

void TestJmesPath::everyFunctionIsThere()
{
    const QStringList expected = {
        s("abs"),     s("avg"),         s("ceil"),   s("contains"), s("ends_with"), s("floor"),
        s("join"),    s("keys"),        s("length"), s("map"),      s("max"),       s("max_by"),
        s("merge"),   s("min"),         s("min_by"), s("not_null"), s("reverse"),   s("sort"),
        s("sort_by"), s("starts_with"), s("sum"),    s("to_array"), s("to_number"), s("to_string"),
        s("type"),    s("values")};
    QCOMPARE(JmesPathFunctions::names(), expected);
}

void TestJmesPath::identifiers_data()
{
    searchColumns();
    searchRow("field", "foo", R"jp({"foo": "value"})jp", R"jp("value")jp");
    searchRow("missing field", "bar", R"jp({"foo": "value"})jp", "null");
    searchRow("field of non-object", "foo", "[1, 2]", "null");
    searchRow("field of string", "foo", R"jp("foo")jp", "null");
    searchRow("field of null", "foo", "null", "null");
    searchRow("underscore identifier", "_a_1", R"jp({"_a_1": 5})jp", "5");
    searchRow("quoted identifier", R"jp("foo")jp", R"jp({"foo": 1})jp", "1");
    searchRow("quoted with space", R"jp("foo bar")jp", R"jp({"foo bar": 2})jp", "2");
    searchRow("quoted with dot", R"jp("a.b")jp", R"jp({"a.b": 3, "a": {"b": 4}})jp", "3");
    searchRow("quoted unicode escape", R"jp("\u2713")jp", R"jp({"✓": 1})jp", "1");
    searchRow("quoted escaped quote", R"jp("a\"b")jp", R"jp({"a\"b": 1})jp", "1");
    searchRow("quoted empty", R"jp("")jp", R"jp({"": 7})jp", "7");
    searchRow("quoted keyword-like", R"jp("true")jp", R"jp({"true": "yes"})jp", R"jp("yes")jp");
    searchRow("quoted digits", R"jp("1")jp", R"jp({"1": "one"})jp", R"jp("one")jp");
    searchRow("case sensitive", "Foo", R"jp({"foo": 1, "Foo": 2})jp", "2");
    searchRow("field with false", "foo", R"jp({"foo": false})jp", "false");
    searchRow("field with zero", "foo", R"jp({"foo": 0})jp", "0");
}

void TestJmesPath::subexpressions_data()
{
    searchColumns();
    searchRow("two levels", "foo.bar", R"jp({"foo": {"bar": "baz"}})jp", R"jp("baz")jp");
    searchRow("three levels", "foo.bar.baz", R"jp({"foo": {"bar": {"baz": true}}})jp", "true");
    searchRow("missing middle", "foo.nope.baz", R"jp({"foo": {"bar": 1}})jp", "null");
    searchRow("through a list", "foo.bar", R"jp({"foo": [{"bar": 1}]})jp", "null");
    searchRow("quoted in chain", R"jp(foo."bar baz")jp", R"jp({"foo": {"bar baz": 1}})jp", "1");
    searchRow("subexpression of scalar", "foo.bar", R"jp({"foo": 1})jp", "null");
    searchRow("whitespace around dot", "foo . bar", R"jp({"foo": {"bar": 2}})jp", "2");
}

void TestJmesPath::index_data()
{
    searchColumns();
    searchRow("first", "[0]", R"jp(["a", "b", "c"])jp", R"jp("a")jp");
    searchRow("last", "[-1]", R"jp(["a", "b", "c"])jp", R"jp("c")jp");
    searchRow("second from end", "[-2]", R"jp(["a", "b", "c"])jp", R"jp("b")jp");
    searchRow("out of range", "[3]", R"jp(["a", "b", "c"])jp", "null");
    searchRow("negative out of range", "[-4]", R"jp(["a", "b", "c"])jp", "null");
    searchRow("index of object", "[0]", R"jp({"a": 1})jp", "null");
    searchRow("index of string", "[0]", R"jp("abc")jp", "null");
    searchRow("field then index", "foo[1]", R"jp({"foo": [10, 20]})jp", "20");
    searchRow("index then field", "[0].a", R"jp([{"a": 1}, {"a": 2}])jp", "1");
    searchRow("nested indexes", "[0][1]", "[[1, 2], [3, 4]]", "2");
    searchRow("index after subexpression", "a.b[0]", R"jp({"a": {"b": ["x"]}})jp", R"jp("x")jp");
}

void TestJmesPath::slices_data()
{
    searchColumns();
    searchRow("whole", "[:]", "[0, 1, 2, 3]", "[0, 1, 2, 3]");
    searchRow("a step past 2^63", "[::9223372036854775807]", "[1, 2, 3]", "[1]");
    searchRow("a step of -2^63", "[::-9223372036854775808]", "[1, 2, 3]", "[3]");
    searchRow("bounds past 2^63", "[-9223372036854775808:9223372036854775807]", "[1, 2, 3]", "[1, 2, 3]");
    searchRow("an index past 2^63", "[9223372036854775807]", "[1, 2, 3]", "null");
    searchRow("start", "[1:]", "[0, 1, 2, 3]", "[1, 2, 3]");
    searchRow("stop", "[:2]", "[0, 1, 2, 3]", "[0, 1]");
    searchRow("start and stop", "[1:3]", "[0, 1, 2, 3]", "[1, 2]");
    searchRow("step two", "[::2]", "[0, 1, 2, 3, 4]", "[0, 2, 4]");
    searchRow("step three from one", "[1::3]", "[0, 1, 2, 3, 4, 5, 6, 7]", "[1, 4, 7]");
    searchRow("reverse", "[::-1]", "[0, 1, 2, 3]", "[3, 2, 1, 0]");
    searchRow("reverse from two", "[2::-1]", "[0, 1, 2, 3]", "[2, 1, 0]");
    searchRow("reverse to one", "[:1:-1]", "[0, 1, 2, 3]", "[3, 2]");
    searchRow("reverse step two", "[::-2]", "[0, 1, 2, 3, 4]", "[4, 2, 0]");
    searchRow("negative start", "[-2:]", "[0, 1, 2, 3]", "[2, 3]");
    searchRow("negative stop", "[:-1]", "[0, 1, 2, 3]", "[0, 1, 2]");
    searchRow("negative both", "[-3:-1]", "[0, 1, 2, 3]", "[1, 2]");
    searchRow("start past end", "[10:]", "[0, 1, 2]", "[]");
    searchRow("stop past end", "[:10]", "[0, 1, 2]", "[0, 1, 2]");
    searchRow("start before beginning", "[-10:]", "[0, 1, 2]", "[0, 1, 2]");
    searchRow("reverse from past end", "[10::-1]", "[0, 1, 2]", "[2, 1, 0]");
    searchRow("reverse to before beginning", "[:-10:-1]", "[0, 1, 2]", "[2, 1, 0]");
    searchRow("empty range", "[2:1]", "[0, 1, 2]", "[]");
    searchRow("empty reverse range", "[1:2:-1]", "[0, 1, 2]", "[]");
    searchRow("slice of empty", "[:]", "[]", "[]");
    searchRow("slice of object", "[:]", R"jp({"a": 1})jp", "null");
    searchRow("slice of string", "[0:1]", R"jp("abc")jp", "null");
    searchRow("trailing colon", "[0:2:]", "[0, 1, 2]", "[0, 1]");
    searchRow("slice projects", "[1:].a", R"jp([{"a": 1}, {"a": 2}, {"a": 3}])jp", "[2, 3]");
    searchRow("slice projection drops nulls", "[:].a", R"jp([{"a": 1}, {"b": 2}])jp", "[1]");
    searchRow("field slice", "foo[:1]", R"jp({"foo": [5, 6]})jp", "[5]");
}

void TestJmesPath::listProjections_data()
{
    searchColumns();
    searchRow("wildcard", "[*]", "[1, 2]", "[1, 2]");
    searchRow("wildcard field", "[*].a", R"jp([{"a": 1}, {"a": 2}])jp", "[1, 2]");
    searchRow("wildcard skips nulls", "[*].a", R"jp([{"a": 1}, {"b": 2}, {"a": 3}])jp", "[1, 3]");
    searchRow("wildcard of object", "[*]", R"jp({"a": 1})jp", "null");
    searchRow("wildcard of empty", "[*].a", "[]", "[]");
    searchRow("named wildcard", "foo[*].bar", R"jp({"foo": [{"bar": "x"}, {"bar": "y"}]})jp",
              R"jp(["x", "y"])jp");
    searchRow("nested projection", "foo[*].bar[*].baz",
              R"jp({"foo": [{"bar": [{"baz": 1}, {"baz": 2}]}, {"bar": [{"baz": 3}]}]})jp", "[[1, 2], [3]]");
    searchRow("projection then index", "foo[*].bar[0]", R"jp({"foo": [{"bar": [1, 2]}, {"bar": [3]}]})jp",
              "[1, 3]");
    searchRow("projection stops at pipe", "foo[*].bar | [0]", R"jp({"foo": [{"bar": 1}, {"bar": 2}]})jp",
              "1");
    searchRow("projection without pipe indexes each", "foo[*].bar[0]",
              R"jp({"foo": [{"bar": [7]}, {"bar": 8}]})jp", "[7]");
    searchRow("projection keeps false", "[*].a", R"jp([{"a": false}, {"a": 0}])jp", "[false, 0]");
    searchRow("projection of scalars", "[*].a", "[1, 2]", "[]");
    searchRow("projection of multi-select", "[*].[a, b]", R"jp([{"a": 1, "b": 2}, {"a": 3}])jp",
              "[[1, 2], [3, null]]");
}

void TestJmesPath::objectProjections_data()
{
    searchColumns();
    searchRow("values", "*", R"jp({"a": 1, "b": 2})jp", "[1, 2]");
    searchRow("value field", "*.x", R"jp({"a": {"x": 1}, "b": {"x": 2}, "c": {"y": 3}})jp", "[1, 2]");
    searchRow("named value projection", "foo.*.x", R"jp({"foo": {"a": {"x": 1}, "b": {"x": 2}}})jp",
              "[1, 2]");
    searchRow("value projection of list", "*", "[1, 2]", "null");
    searchRow("value projection of empty", "*", "{}", "[]");
    searchRow("value projection then index", "*[0]", R"jp({"a": [1, 2], "b": [3]})jp", "[1, 3]");
    searchRow("value projection chain", "*.*", R"jp({"a": {"x": 1}, "b": {"y": 2}})jp", "[[1], [2]]");
    searchRow("star field", "foo.*", R"jp({"foo": {"a": "b"}})jp", R"jp(["b"])jp");
}

void TestJmesPath::flatten_data()
{
    searchColumns();
    searchRow("flatten one level", "[]", "[[1, 2], [3], 4]", "[1, 2, 3, 4]");
    searchRow("flatten only one level", "[]", "[[1, [2]], [3]]", "[1, [2], 3]");
    searchRow("flatten field", "foo[]", R"jp({"foo": [[1], [2, 3]]})jp", "[1, 2, 3]");
    searchRow("flatten projects", "foo[].a", R"jp({"foo": [[{"a": 1}], [{"a": 2}, {"b": 3}]]})jp", "[1, 2]");
    searchRow("flatten of object", "[]", R"jp({"a": 1})jp", "null");
    searchRow("flatten twice", "[][]", "[[[1], [2]], [[3]]]", "[1, 2, 3]");
    searchRow("flatten nested projection", "foo[*].bar[]", R"jp({"foo": [{"bar": [1, 2]}, {"bar": [3]}]})jp",
              "[1, 2, 3]");
    searchRow("flatten then index", "foo[][0]", R"jp({"foo": [[1, 2], [3]]})jp", "[]");
    searchRow("flatten pipe index", "foo[] | [0]", R"jp({"foo": [[1, 2], [3]]})jp", "1");
    searchRow("flatten skips null elements in projection", "[].a", R"jp([{"a": null}, {"a": 1}])jp", "[1]");
    searchRow("flatten drops null elements", "[]", R"jp([1, null, "x"])jp", R"jp([1, "x"])jp");
}

void TestJmesPath::filters_data()
{
    searchColumns();
    searchRow("filter equal", "[?a == `1`]", R"jp([{"a": 1}, {"a": 2}])jp", R"jp([{"a": 1}])jp");
    searchRow("filter equal string", "[?a == 'x'].b", R"jp([{"a": "x", "b": 1}, {"a": "y", "b": 2}])jp",
              "[1]");
    searchRow("filter not equal", "[?a != `1`].a", R"jp([{"a": 1}, {"a": 2}, {}])jp", "[2]");
    searchRow("filter less", "[?a < `2`].a", R"jp([{"a": 1}, {"a": 2}, {"a": 3}])jp", "[1]");
    searchRow("filter less or equal", "[?a <= `2`].a", R"jp([{"a": 1}, {"a": 2}, {"a": 3}])jp", "[1, 2]");
    searchRow("filter greater", "[?a > `2`].a", R"jp([{"a": 1}, {"a": 2}, {"a": 3}])jp", "[3]");
    searchRow("filter greater or equal", "[?a >= `2`].a", R"jp([{"a": 1}, {"a": 2}, {"a": 3}])jp", "[2, 3]");
    searchRow("filter truthy field", "[?a].a",
              R"jp([{"a": 1}, {"a": ""}, {"a": []}, {"a": {}}, {"a": false}, {"a": null}, {"a": 0}])jp",
              "[1, 0]");
    searchRow("filter and", "[?a == `1` && b == `2`].c",
              R"jp([{"a": 1, "b": 2, "c": "x"}, {"a": 1, "b": 3, "c": "y"}])jp", R"jp(["x"])jp");
    searchRow("filter or", "[?a == `1` || b == `3`].c",
              R"jp([{"a": 1, "b": 2, "c": "x"}, {"a": 2, "b": 3, "c": "y"}, {"a": 2, "b": 2, "c": "z"}])jp",
              R"jp(["x", "y"])jp");
    searchRow("filter not", "[?!a].b", R"jp([{"a": true, "b": 1}, {"a": false, "b": 2}, {"b": 3}])jp",
              "[2, 3]");
    searchRow("filter parentheses", "[?(a || b) && c].d",
              R"jp([{"a": 1, "c": 1, "d": "x"}, {"b": 1, "d": "y"}, {"c": 1, "d": "z"}])jp", R"jp(["x"])jp");
    searchRow("filter and binds tighter than or", "[?a || b && c].d",
              R"jp([{"a": 1, "d": "x"}, {"b": 1, "d": "y"}, {"b": 1, "c": 1, "d": "z"}])jp",
              R"jp(["x", "z"])jp");
    searchRow("filter not equal with not", "[?!(a == `1`)].a", R"jp([{"a": 1}, {"a": 2}])jp", "[2]");
    searchRow("filter on field", "foo[?bar > `1`].bar", R"jp({"foo": [{"bar": 1}, {"bar": 2}]})jp", "[2]");
    searchRow("filter of object", "[?a]", R"jp({"a": 1})jp", "null");
    searchRow("filter compares fields", "[?a == b].a", R"jp([{"a": 1, "b": 1}, {"a": 1, "b": 2}])jp", "[1]");
    searchRow("filter with current", "[?@ > `1`]", "[1, 2, 3]", "[2, 3]");
    searchRow("filter strings with current", "[?@ == 'b']", R"jp(["a", "b"])jp", R"jp(["b"])jp");
    searchRow("filter compare mixed types is null", "[?a < 'x']", R"jp([{"a": 1}])jp", "[]");
    searchRow("filter string ordering", "[?@ < 'b']", R"jp(["a", "b", "c"])jp", R"jp(["a"])jp");
    searchRow("filter equal objects", R"jp([?a == `{"x": 1}`].b)jp",
              R"jp([{"a": {"x": 1}, "b": 1}, {"a": {"x": 2}, "b": 2}])jp", "[1]");
    searchRow("filter equal arrays", "[?a == `[1, 2]`].b",
              R"jp([{"a": [1, 2], "b": 1}, {"a": [2, 1], "b": 2}])jp", "[1]");
    searchRow("filter null equal missing", "[?a == `null`].b", R"jp([{"b": 1}, {"a": 1, "b": 2}])jp", "[1]");
    searchRow("filter bool not equal number", "[?a == `1`].b",
              R"jp([{"a": true, "b": 1}, {"a": 1, "b": 2}])jp", "[2]");
    searchRow("filter int equals float", "[?a == `1.0`].b", R"jp([{"a": 1, "b": 1}])jp", "[1]");
    searchRow("filter then index", "[?a > `0`] | [1]", R"jp([{"a": 1}, {"a": 2}])jp", R"jp({"a": 2})jp");
    searchRow("filter projection then index each", "[?a > `0`].b[0]",
              R"jp([{"a": 1, "b": [5]}, {"a": 2, "b": [6]}])jp", "[5, 6]");
    searchRow("filter then flatten", "[?a][]", R"jp([{"a": [1]}, {"a": [2]}])jp",
              R"jp([{"a": [1]}, {"a": [2]}])jp");
    searchRow("nested filter", "[?b[?c == `1`]].a",
              R"jp([{"a": "x", "b": [{"c": 1}]}, {"a": "y", "b": [{"c": 2}]}])jp", R"jp(["x"])jp");
    searchRow("filter with function", "[?contains(name, 'o')].name",
              R"jp([{"name": "foo"}, {"name": "bar"}])jp", R"jp(["foo"])jp");
    searchRow("filter with length", "[?length(tags) > `1`].id",
              R"jp([{"id": 1, "tags": ["a", "b"]}, {"id": 2, "tags": ["a"]}])jp", "[1]");
    searchRow("filter literal true", "[?`true`]", "[1, 2]", "[1, 2]");
    searchRow("filter literal false", "[?`false`]", "[1, 2]", "[]");
    searchRow("filter after projection", "foo[*].bar[?baz].baz",
              R"jp({"foo": [{"bar": [{"baz": 1}, {}]}, {"bar": [{"baz": 2}]}]})jp", "[[1], [2]]");
    searchRow("comparator on top level", "a == b", R"jp({"a": 1, "b": 1})jp", "true");
    searchRow("comparator less on strings", "a < b", R"jp({"a": "abc", "b": "abd"})jp", "true");
    searchRow("comparator less mixed", "a < b", R"jp({"a": 1, "b": "x"})jp", "null");
    searchRow("comparator less bools", "a < b", R"jp({"a": false, "b": true})jp", "null");
    searchRow("comparator greater on null", "a > b", R"jp({"a": 1})jp", "null");
}

void TestJmesPath::andOrNot_data()
{
    searchColumns();
    searchRow("or first truthy", "a || b", R"jp({"a": 1, "b": 2})jp", "1");
    searchRow("or falls through", "a || b", R"jp({"a": [], "b": 2})jp", "2");
    searchRow("or both false", "a || b", R"jp({"a": "", "b": false})jp", "false");
    searchRow("and both true", "a && b", R"jp({"a": 1, "b": 2})jp", "2");
    searchRow("and first false", "a && b", R"jp({"a": {}, "b": 2})jp", "{}");
    searchRow("and null", "a && b", R"jp({"b": 2})jp", "null");
    searchRow("not true", "!a", R"jp({"a": 1})jp", "false");
    searchRow("not empty string", "!a", R"jp({"a": ""})jp", "true");
    searchRow("not missing", "!a", "{}", "true");
    searchRow("not not", "!!a", R"jp({"a": [1]})jp", "true");
    searchRow("not zero is false", "!a", R"jp({"a": 0})jp", "false");
    searchRow("or chain", "a || b || c", R"jp({"c": 3})jp", "3");
    searchRow("and chain", "a && b && c", R"jp({"a": 1, "b": 2, "c": 3})jp", "3");
    searchRow("parenthesised or", "(a || b).c", R"jp({"b": {"c": 1}})jp", "1");
}

void TestJmesPath::pipes_data()
{
    searchColumns();
    searchRow("pipe field", "foo | bar", R"jp({"foo": {"bar": 1}})jp", "1");
    searchRow("pipe index", "foo | [0]", R"jp({"foo": [1, 2]})jp", "1");
    searchRow("pipe chain", "a | b | c", R"jp({"a": {"b": {"c": 1}}})jp", "1");
    searchRow("pipe stops projection", "[*].a | length(@)", R"jp([{"a": 1}, {"a": 2}])jp", "2");
    searchRow("pipe of null", "foo | bar", "{}", "null");
    searchRow("pipe current", "foo | @", R"jp({"foo": 5})jp", "5");
    searchRow("pipe into multiselect", "a | [b, c]", R"jp({"a": {"b": 1, "c": 2}})jp", "[1, 2]");
    searchRow("pipe binds loosest", "a || b | c", R"jp({"a": {"c": 1}})jp", "1");
}

void TestJmesPath::multiSelectLists_data()
{
    searchColumns();
    searchRow("two fields", "[a, b]", R"jp({"a": 1, "b": 2})jp", "[1, 2]");
    searchRow("missing field is null", "[a, z]", R"jp({"a": 1})jp", "[1, null]");
    searchRow("nested multiselect", "[a, [b, c]]", R"jp({"a": 1, "b": 2, "c": 3})jp", "[1, [2, 3]]");
    searchRow("multiselect on null", "[a, b]", "null", "null");
    searchRow("multiselect after dot", "foo.[a, b]", R"jp({"foo": {"a": 1, "b": 2}})jp", "[1, 2]");
    searchRow("multiselect after dot on missing", "foo.[a, b]", "{}", "null");
    searchRow("multiselect of expressions", "[a.b, c[0]]", R"jp({"a": {"b": 1}, "c": [2]})jp", "[1, 2]");
    searchRow("multiselect projection", "people[*].[name, age]",
              R"jp({"people": [{"name": "a", "age": 1}, {"name": "b", "age": 2}]})jp",
              R"jp([["a", 1], ["b", 2]])jp");
    searchRow("multiselect with literal", "[a, `5`]", R"jp({"a": 1})jp", "[1, 5]");
    searchRow("multiselect on scalar", "[@, @]", "3", "[3, 3]");
}

void TestJmesPath::multiSelectHashes_data()
{
    searchColumns();
    searchRow("hash", "{x: a, y: b}", R"jp({"a": 1, "b": 2})jp", R"jp({"x": 1, "y": 2})jp");
    searchRow("hash missing value", "{x: a, y: z}", R"jp({"a": 1})jp", R"jp({"x": 1, "y": null})jp");
    searchRow("hash quoted key", R"jp({"my key": a})jp", R"jp({"a": 1})jp", R"jp({"my key": 1})jp");
    searchRow("hash on null", "{x: a}", "null", "null");
    searchRow("hash after dot", "foo.{x: a}", R"jp({"foo": {"a": 1}})jp", R"jp({"x": 1})jp");
    searchRow("hash projection", "people[*].{n: name}", R"jp({"people": [{"name": "a"}, {"name": "b"}]})jp",
              R"jp([{"n": "a"}, {"n": "b"}])jp");
    searchRow("nested hash", "{a: {b: x}}", R"jp({"x": 1})jp", R"jp({"a": {"b": 1}})jp");
    searchRow("hash with functions", "{n: length(@), t: type(@)}", "[1, 2]", R"jp({"n": 2, "t": "array"})jp");
    searchRow("hash in filter projection", "[?a > `1`].{v: a}", R"jp([{"a": 1}, {"a": 2}])jp",
              R"jp([{"v": 2}])jp");
    searchRow("hash key repeated", "{a: x, a: y}", R"jp({"x": 1, "y": 2})jp", R"jp({"a": 2})jp");
}

void TestJmesPath::literals_data()
{
    searchColumns();
    searchRow("number literal", "`1`", "{}", "1");
    searchRow("negative literal", "`-1.5`", "{}", "-1.5");
    searchRow("string literal", R"jp(`"foo"`)jp", "{}", R"jp("foo")jp");
    searchRow("array literal", R"jp(`[1, "a"]`)jp", "{}", R"jp([1, "a"])jp");
    searchRow("object literal", R"jp(`{"a": {"b": 1}}`)jp", "{}", R"jp({"a": {"b": 1}})jp");
    searchRow("true literal", "`true`", "{}", "true");
    searchRow("false literal", "`false`", "{}", "false");
    searchRow("null literal", "`null`", R"jp({"a": 1})jp", "null");
    searchRow("escaped backtick", R"jp(`"a\`b"`)jp", "{}", R"jp("a`b")jp");
    searchRow("literal with spaces", "` [1, 2] `", "{}", "[1, 2]");
    searchRow("legacy unquoted literal", "`foo`", "{}", R"jp("foo")jp");
    searchRow("legacy literal keeps trailing space", "` , `", "{}", R"jp(", ")jp");
    searchRow("raw string", "'foo'", "{}", R"jp("foo")jp");
    searchRow("raw string escaped quote", R"jp('a\'b')jp", "{}", R"jp("a'b")jp");
    searchRow("raw string keeps backslash", R"jp('a\nb')jp", "{}", R"jp("a\\nb")jp");
    searchRow("raw string keeps double backslash", R"jp('a\\b')jp", "{}", R"jp("a\\\\b")jp");
    searchRow("raw string empty", "''", "{}", R"jp("")jp");
    searchRow("raw string not json", "'[1]'", "{}", R"jp("[1]")jp");
    searchRow("raw string with double quote", R"jp('a"b')jp", "{}", R"jp("a\"b")jp");
    searchRow("literal field access", R"jp(`{"a": 1}`.a)jp", "{}", "1");
    searchRow("literal index", "`[1, 2]`[1]", "{}", "2");
}

void TestJmesPath::currentNode_data()
{
    searchColumns();
    searchRow("current", "@", R"jp({"a": 1})jp", R"jp({"a": 1})jp");
    searchRow("current field", "@.a", R"jp({"a": 1})jp", "1");
    searchRow("current scalar", "@", R"jp("x")jp", R"jp("x")jp");
    searchRow("current in projection", "[*] | [@]", "[1, 2]", "[[1, 2]]");
    searchRow("current in function", "length(@)", R"jp("abc")jp", "3");
    searchRow("current in hash", "{all: @}", "[1]", R"jp({"all": [1]})jp");
}

void TestJmesPath::functions_data()
{
    searchColumns();
    searchRow("abs positive", "abs(`1`)", "{}", "1");
    searchRow("abs negative", "abs(`-24`)", "{}", "24");
    searchRow("abs float", "abs(a)", R"jp({"a": -1.5})jp", "1.5");
    searchRow("avg", "avg(@)", "[1, 2, 3, 4]", "2.5");
    searchRow("avg empty", "avg(@)", "[]", "null");
    searchRow("avg one", "avg(@)", "[10]", "10");
    searchRow("ceil", "ceil(`1.001`)", "{}", "2");
    searchRow("ceil negative", "ceil(`-1.5`)", "{}", "-1");
    searchRow("ceil integer", "ceil(`5`)", "{}", "5");
    searchRow("floor", "floor(`1.9`)", "{}", "1");
    searchRow("floor negative", "floor(`-1.5`)", "{}", "-2");
    searchRow("contains array", "contains(@, 'b')", R"jp(["a", "b"])jp", "true");
    searchRow("contains array missing", "contains(@, 'c')", R"jp(["a", "b"])jp", "false");
    searchRow("contains array number", "contains(@, `1`)", "[1, 2]", "true");
    searchRow("contains array object", R"jp(contains(@, `{"a": 1}`))jp", R"jp([{"a": 1}])jp", "true");
    searchRow("contains string", "contains('foobar', 'oba')", "{}", "true");
    searchRow("contains string missing", "contains('foobar', 'baz')", "{}", "false");
    searchRow("contains empty string", "contains('foo', '')", "{}", "true");
    searchRow("ends_with", "ends_with('foobar', 'bar')", "{}", "true");
    searchRow("ends_with false", "ends_with('foobar', 'foo')", "{}", "false");
    searchRow("starts_with", "starts_with('foobar', 'foo')", "{}", "true");
    searchRow("starts_with false", "starts_with('foobar', 'bar')", "{}", "false");
    searchRow("starts_with empty", "starts_with('foo', '')", "{}", "true");
    searchRow("join", "join(', ', @)", R"jp(["a", "b", "c"])jp", R"jp("a, b, c")jp");
    searchRow("join empty glue", "join('', @)", R"jp(["a", "b"])jp", R"jp("ab")jp");
    searchRow("join empty list", "join(',', @)", "[]", R"jp("")jp");
    searchRow("join one", "join(',', @)", R"jp(["x"])jp", R"jp("x")jp");
    searchRow("keys", "keys(@)", R"jp({"a": 1, "b": 2})jp", R"jp(["a", "b"])jp");
    searchRow("keys empty", "keys(@)", "{}", "[]");
    searchRow("values", "values(@)", R"jp({"a": 1, "b": [2]})jp", "[1, [2]]");
    searchRow("values empty", "values(@)", "{}", "[]");
    searchRow("length string", "length('abc')", "{}", "3");
    searchRow("length empty string", "length('')", "{}", "0");
    searchRow("length astral string", "length(@)", R"jp("a𝄞é")jp", "3");
    searchRow("length array", "length(@)", "[1, 2, 3]", "3");
    searchRow("length object", "length(@)", R"jp({"a": 1, "b": 2})jp", "2");
    searchRow("length in projection", "[*].length(@)", R"jp(["a", "bb"])jp", "[1, 2]");
    searchRow("map field", "map(&a, @)", R"jp([{"a": 1}, {"a": 2}, {}])jp", "[1, 2, null]");
    searchRow("map length", "map(&length(@), @)", R"jp(["a", "bb", "ccc"])jp", "[1, 2, 3]");
    searchRow("map nested", "map(&[a, b], @)", R"jp([{"a": 1, "b": 2}])jp", "[[1, 2]]");
    searchRow("map empty", "map(&a, @)", "[]", "[]");
    searchRow("max numbers", "max(@)", "[1, 3, 2]", "3");
    searchRow("max strings", "max(@)", R"jp(["a", "c", "b"])jp", R"jp("c")jp");
    searchRow("max empty", "max(@)", "[]", "null");
    searchRow("min numbers", "min(@)", "[3, 1, 2]", "1");
    searchRow("min strings", "min(@)", R"jp(["b", "a"])jp", R"jp("a")jp");
    searchRow("min empty", "min(@)", "[]", "null");
    searchRow("max_by", "max_by(@, &age).name",
              R"jp([{"name": "a", "age": 1}, {"name": "b", "age": 3}, {"name": "c", "age": 2}])jp",
              R"jp("b")jp");
    searchRow("max_by strings", "max_by(@, &name).name",
              R"jp([{"name": "a"}, {"name": "c"}, {"name": "b"}])jp", R"jp("c")jp");
    searchRow("max_by empty", "max_by(@, &age)", "[]", "null");
    searchRow("max_by first of equals", "max_by(@, &a).b", R"jp([{"a": 1, "b": 1}, {"a": 1, "b": 2}])jp",
              "1");
    searchRow("min_by", "min_by(@, &age).name", R"jp([{"name": "a", "age": 2}, {"name": "b", "age": 1}])jp",
              R"jp("b")jp");
    searchRow("min_by empty", "min_by(@, &age)", "[]", "null");
    searchRow("merge", R"jp(merge(`{"a": 1}`, `{"b": 2}`))jp", "{}", R"jp({"a": 1, "b": 2})jp");
    searchRow("merge overrides", R"jp(merge(`{"a": 1}`, `{"a": 2}`))jp", "{}", R"jp({"a": 2})jp");
    searchRow("merge one", "merge(@)", R"jp({"a": 1})jp", R"jp({"a": 1})jp");
    searchRow("merge three", R"jp(merge(`{"a": 1}`, `{"b": 2}`, `{"a": 3}`))jp", "{}",
              R"jp({"a": 3, "b": 2})jp");
    searchRow("not_null first", "not_null(a, b)", R"jp({"a": 1, "b": 2})jp", "1");
    searchRow("not_null skips nulls", "not_null(a, b, c)", R"jp({"c": 3})jp", "3");
    searchRow("not_null all null", "not_null(a, b)", "{}", "null");
    searchRow("not_null keeps false", "not_null(a, b)", R"jp({"a": false, "b": 1})jp", "false");
    searchRow("not_null one argument", "not_null(a)", R"jp({"a": []})jp", "[]");
    searchRow("reverse array", "reverse(@)", "[1, 2, 3]", "[3, 2, 1]");
    searchRow("reverse string", "reverse('abc')", "{}", R"jp("cba")jp");
    searchRow("reverse astral string", "reverse(@)", R"jp("a𝄞b")jp", R"jp("b𝄞a")jp");
    searchRow("reverse empty", "reverse(@)", "[]", "[]");
    searchRow("sort numbers", "sort(@)", "[3, 1, 2]", "[1, 2, 3]");
    searchRow("sort strings", "sort(@)", R"jp(["b", "a", "c"])jp", R"jp(["a", "b", "c"])jp");
    searchRow("sort empty", "sort(@)", "[]", "[]");
    searchRow("sort code points", "sort(@)", R"jp(["b", "B", "a"])jp", R"jp(["B", "a", "b"])jp");
    searchRow("sort_by number", "sort_by(@, &a)[*].b", R"jp([{"a": 2, "b": "x"}, {"a": 1, "b": "y"}])jp",
              R"jp(["y", "x"])jp");
    searchRow("sort_by string", "sort_by(@, &n)[*].n", R"jp([{"n": "b"}, {"n": "a"}])jp",
              R"jp(["a", "b"])jp");
    searchRow("sort_by stable", "sort_by(@, &a)[*].b",
              R"jp([{"a": 1, "b": 1}, {"a": 0, "b": 2}, {"a": 1, "b": 3}])jp", "[2, 1, 3]");
    searchRow("sort_by empty", "sort_by(@, &a)", "[]", "[]");
    searchRow("sum", "sum(@)", "[1, 2, 3]", "6");
    searchRow("sum empty", "sum(@)", "[]", "0");
    searchRow("sum floats", "sum(@)", "[0.5, 0.25]", "0.75");
    searchRow("to_array array", "to_array(@)", "[1]", "[1]");
    searchRow("to_array scalar", "to_array(@)", "1", "[1]");
    searchRow("to_array object", "to_array(@)", R"jp({"a": 1})jp", R"jp([{"a": 1}])jp");
    searchRow("to_array null", "to_array(a)", "{}", "[null]");
    searchRow("to_string string", "to_string(@)", R"jp("x")jp", R"jp("x")jp");
    searchRow("to_string number", "to_string(@)", "1", R"jp("1")jp");
    searchRow("to_string array", "to_string(@)", R"jp([1, "a"])jp", R"jp("[1,\"a\"]")jp");
    searchRow("to_string object", "to_string(@)", R"jp({"a": true})jp", R"jp("{\"a\":true}")jp");
    searchRow("to_string null", "to_string(a)", "{}", R"jp("null")jp");
    searchRow("to_string escapes non-ascii", "to_string(@)", R"jp(["é"])jp", R"jp("[\"\\u00e9\"]")jp");
    searchRow("to_number number", "to_number(@)", "1.5", "1.5");
    searchRow("to_number string", "to_number('12')", "{}", "12");
    searchRow("to_number float string", "to_number('1.5')", "{}", "1.5");
    searchRow("to_number exponent", "to_number('1e3')", "{}", "1000");
    searchRow("to_number padded", "to_number(' 12 ')", "{}", "12");
    searchRow("to_number negative", "to_number('-3')", "{}", "-3");
    searchRow("to_number not a number", "to_number('abc')", "{}", "null");
    searchRow("to_number bool", "to_number(`true`)", "{}", "null");
    searchRow("to_number array", "to_number(@)", "[1]", "null");
    searchRow("to_number null", "to_number(a)", "{}", "null");
    searchRow("type number", "type(@)", "1", R"jp("number")jp");
    searchRow("type string", "type(@)", R"jp("a")jp", R"jp("string")jp");
    searchRow("type boolean", "type(@)", "true", R"jp("boolean")jp");
    searchRow("type array", "type(@)", "[]", R"jp("array")jp");
    searchRow("type object", "type(@)", "{}", R"jp("object")jp");
    searchRow("type null", "type(a)", "{}", R"jp("null")jp");
    searchRow("function of projection", "length(a[*].b)", R"jp({"a": [{"b": 1}, {"b": 2}, {}]})jp", "2");
    searchRow("function result indexed", "sort(@)[0]", "[3, 1]", "1");
    searchRow("function result field", R"jp(merge(@, `{"b": 2}`).b)jp", R"jp({"a": 1})jp", "2");
    searchRow("nested functions", "join(',', sort(keys(@)))", R"jp({"b": 1, "a": 2})jp", R"jp("a,b")jp");
    searchRow("function in multiselect", "[length(@), max(@)]", "[1, 5]", "[2, 5]");
    searchRow("function whitespace", "length( @ )", "[1]", "1");
    searchRow("function expref of projection", "map(&a[*].b, @)", R"jp([{"a": [{"b": 1}]}])jp", "[[1]]");
}

void TestJmesPath::compileErrors_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("kinds");
    QTest::newRow("empty expression") << QStringLiteral("") << QStringLiteral("lexer|parse");
    // Nesting is refused, not followed down until the stack runs out (each shape recurses in its
    // own place: the parser, a chain the parser builds in a loop, what evaluation builds).
    const auto repeated = [](const char* part, int times) {
        return QString::fromLatin1(part).repeated(times);
    };
    QTest::newRow("60,000 parentheses")
        << repeated("(", 60000) + QStringLiteral("a") + repeated(")", 60000) << QStringLiteral("parse");
    QTest::newRow("100,000 nots") << repeated("!", 100000) + QStringLiteral("a") << QStringLiteral("parse");
    QTest::newRow("100,000 brackets") << repeated("[", 100000) << QStringLiteral("parse");
    QTest::newRow("60,000 references")
        << repeated("&", 60000) + QStringLiteral("a") << QStringLiteral("parse");
    QTest::newRow("a chain of 60,000 fields")
        << QStringLiteral("a") + repeated(".a", 60000) << QStringLiteral("parse");
    QTest::newRow("a chain of 60,000 pipes")
        << QStringLiteral("@") + repeated("|@", 60000) << QStringLiteral("parse");
    QTest::newRow("30,000 lists, one in another")
        << QStringLiteral("[@]") + repeated("|[@]", 30000) << QStringLiteral("parse");
    QTest::newRow("nested function calls")
        << repeated("abs(", 5000) + QStringLiteral("@") + repeated(")", 5000) << QStringLiteral("parse");
    QTest::newRow("unknown character") << QStringLiteral("foo#") << QStringLiteral("lexer");
    QTest::newRow("single equals") << QStringLiteral("a = b") << QStringLiteral("lexer");
    QTest::newRow("lone minus") << QStringLiteral("[-]") << QStringLiteral("lexer");
    QTest::newRow("unclosed quoted identifier") << QStringLiteral(R"jp("foo)jp") << QStringLiteral("lexer");
    QTest::newRow("unclosed raw string") << QStringLiteral("'foo") << QStringLiteral("lexer");
    QTest::newRow("unclosed literal") << QStringLiteral("`1") << QStringLiteral("lexer");
    QTest::newRow("bad escape in quoted identifier")
        << QStringLiteral(R"jp("\x")jp") << QStringLiteral("lexer");
    QTest::newRow("trailing dot") << QStringLiteral("foo.") << QStringLiteral("parse");
    QTest::newRow("leading dot") << QStringLiteral(".foo") << QStringLiteral("parse");
    QTest::newRow("double dot") << QStringLiteral("a..b") << QStringLiteral("parse");
    QTest::newRow("open bracket") << QStringLiteral("foo[") << QStringLiteral("parse");
    QTest::newRow("unclosed index") << QStringLiteral("[0") << QStringLiteral("parse");
    QTest::newRow("unclosed multiselect") << QStringLiteral("[a, b") << QStringLiteral("parse");
    QTest::newRow("trailing comma in multiselect") << QStringLiteral("[a, ]") << QStringLiteral("parse");
    QTest::newRow("unclosed hash") << QStringLiteral("{a: b") << QStringLiteral("parse");
    QTest::newRow("hash without colon") << QStringLiteral("{a b}") << QStringLiteral("parse");
    QTest::newRow("hash without key") << QStringLiteral("{: b}") << QStringLiteral("parse");
    QTest::newRow("hash number key") << QStringLiteral("{1: b}") << QStringLiteral("parse");
    QTest::newRow("unclosed filter") << QStringLiteral("[?a") << QStringLiteral("parse");
    QTest::newRow("empty filter") << QStringLiteral("[?]") << QStringLiteral("parse");
    QTest::newRow("unclosed function") << QStringLiteral("length(@") << QStringLiteral("parse");
    QTest::newRow("trailing comma in function") << QStringLiteral("length(@,)") << QStringLiteral("parse");
    QTest::newRow("quoted function name") << QStringLiteral(R"jp("length"(@))jp") << QStringLiteral("parse");
    QTest::newRow("too many slice colons") << QStringLiteral("[1:2:3:4]") << QStringLiteral("parse");
    QTest::newRow("slice with field") << QStringLiteral("[a:]") << QStringLiteral("parse");
    QTest::newRow("dangling or") << QStringLiteral("a ||") << QStringLiteral("parse");
    QTest::newRow("dangling and") << QStringLiteral("a &&") << QStringLiteral("parse");
    QTest::newRow("dangling pipe") << QStringLiteral("a |") << QStringLiteral("parse");
    QTest::newRow("dangling comparator") << QStringLiteral("a ==") << QStringLiteral("parse");
    QTest::newRow("dangling not") << QStringLiteral("!") << QStringLiteral("parse");
    QTest::newRow("unbalanced parenthesis") << QStringLiteral("(a") << QStringLiteral("parse");
    QTest::newRow("extra parenthesis") << QStringLiteral("a)") << QStringLiteral("parse");
    QTest::newRow("extra bracket") << QStringLiteral("a]") << QStringLiteral("parse");
    QTest::newRow("star field without dot") << QStringLiteral("foo*") << QStringLiteral("parse");
    QTest::newRow("number as field") << QStringLiteral("foo.1") << QStringLiteral("parse");
    QTest::newRow("two identifiers") << QStringLiteral("foo bar") << QStringLiteral("parse");
    QTest::newRow("dot bracket number") << QStringLiteral("foo.[0]") << QStringLiteral("parse");
    QTest::newRow("index with star inside") << QStringLiteral("[*a]") << QStringLiteral("parse");
    QTest::newRow("projection followed by identifier")
        << QStringLiteral("foo[*]bar") << QStringLiteral("parse");
    QTest::newRow("literal as function") << QStringLiteral("`1`(@)") << QStringLiteral("parse");
    QTest::newRow("current after dot") << QStringLiteral("[*].@") << QStringLiteral("parse");
    QTest::newRow("unknown function") << QStringLiteral("nope(@)") << QStringLiteral("unknown-function");
    QTest::newRow("arity none") << QStringLiteral("length()") << QStringLiteral("invalid-arity");
    QTest::newRow("arity too many") << QStringLiteral("length(@, @)") << QStringLiteral("invalid-arity");
    QTest::newRow("arity abs") << QStringLiteral("abs(`1`, `2`)") << QStringLiteral("invalid-arity");
    QTest::newRow("merge needs one") << QStringLiteral("merge()") << QStringLiteral("invalid-arity");
    QTest::newRow("not_null needs one") << QStringLiteral("not_null()") << QStringLiteral("invalid-arity");
    QTest::newRow("map one argument") << QStringLiteral("map(&a)") << QStringLiteral("invalid-arity");
}

void TestJmesPath::evaluationErrors_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("kind");
    QTest::newRow("abs string") << QStringLiteral("abs('x')") << QStringLiteral("[]")
                                << QStringLiteral("invalid-type");
    QTest::newRow("abs null") << QStringLiteral("abs(a)") << QStringLiteral("{}")
                              << QStringLiteral("invalid-type");
    QTest::newRow("avg strings") << QStringLiteral("avg(@)") << QStringLiteral(R"jp(["a"])jp")
                                 << QStringLiteral("invalid-type");
    QTest::newRow("avg mixed") << QStringLiteral("avg(@)") << QStringLiteral(R"jp([1, "a"])jp")
                               << QStringLiteral("invalid-type");
    QTest::newRow("ceil string") << QStringLiteral("ceil('1')") << QStringLiteral("[]")
                                 << QStringLiteral("invalid-type");
    QTest::newRow("contains number") << QStringLiteral("contains(`1`, `1`)") << QStringLiteral("[]")
                                     << QStringLiteral("invalid-type");
    QTest::newRow("ends_with number")
        << QStringLiteral("ends_with(`1`, 'a')") << QStringLiteral("[]") << QStringLiteral("invalid-type");
    QTest::newRow("join numbers") << QStringLiteral("join(',', @)") << QStringLiteral("[1, 2]")
                                  << QStringLiteral("invalid-type");
    QTest::newRow("join glue number")
        << QStringLiteral("join(`1`, @)") << QStringLiteral(R"jp(["a"])jp") << QStringLiteral("invalid-type");
    QTest::newRow("keys array") << QStringLiteral("keys(@)") << QStringLiteral("[1]")
                                << QStringLiteral("invalid-type");
    QTest::newRow("length number") << QStringLiteral("length(`1`)") << QStringLiteral("[]")
                                   << QStringLiteral("invalid-type");
    QTest::newRow("length null") << QStringLiteral("length(a)") << QStringLiteral("{}")
                                 << QStringLiteral("invalid-type");
    QTest::newRow("map not expref") << QStringLiteral("map(a, @)") << QStringLiteral("[]")
                                    << QStringLiteral("invalid-type");
    QTest::newRow("map not array") << QStringLiteral("map(&a, @)") << QStringLiteral("{}")
                                   << QStringLiteral("invalid-type");
    QTest::newRow("max mixed") << QStringLiteral("max(@)") << QStringLiteral(R"jp([1, "a"])jp")
                               << QStringLiteral("invalid-type");
    QTest::newRow("max objects") << QStringLiteral("max(@)") << QStringLiteral("[{}]")
                                 << QStringLiteral("invalid-type");
    QTest::newRow("max_by string key mismatch")
        << QStringLiteral("max_by(@, &a)") << QStringLiteral(R"jp([{"a": 1}, {"a": "x"}])jp")
        << QStringLiteral("invalid-type");
    QTest::newRow("max_by bad key") << QStringLiteral("max_by(@, &a)")
                                    << QStringLiteral(R"jp([{"a": true}])jp")
                                    << QStringLiteral("invalid-type");
    QTest::newRow("max_by not expref")
        << QStringLiteral("max_by(@, a)") << QStringLiteral("[]") << QStringLiteral("invalid-type");
    QTest::newRow("merge array") << QStringLiteral("merge(@)") << QStringLiteral("[]")
                                 << QStringLiteral("invalid-type");
    QTest::newRow("min bools") << QStringLiteral("min(@)") << QStringLiteral("[true]")
                               << QStringLiteral("invalid-type");
    QTest::newRow("min_by null key") << QStringLiteral("min_by(@, &a)") << QStringLiteral("[{}]")
                                     << QStringLiteral("invalid-type");
    QTest::newRow("reverse number") << QStringLiteral("reverse(`1`)") << QStringLiteral("[]")
                                    << QStringLiteral("invalid-type");
    QTest::newRow("sort mixed") << QStringLiteral("sort(@)") << QStringLiteral(R"jp([2, "a"])jp")
                                << QStringLiteral("invalid-type");
    QTest::newRow("sort objects") << QStringLiteral("sort(@)") << QStringLiteral("[{}]")
                                  << QStringLiteral("invalid-type");
    QTest::newRow("sort_by mixed keys")
        << QStringLiteral("sort_by(@, &a)") << QStringLiteral(R"jp([{"a": 1}, {"a": "x"}])jp")
        << QStringLiteral("invalid-type");
    QTest::newRow("sort_by null key")
        << QStringLiteral("sort_by(@, &a)") << QStringLiteral(R"jp([{"a": 1}, {}])jp")
        << QStringLiteral("invalid-type");
    QTest::newRow("starts_with array")
        << QStringLiteral("starts_with(@, 'a')") << QStringLiteral("[]") << QStringLiteral("invalid-type");
    QTest::newRow("sum strings") << QStringLiteral("sum(@)") << QStringLiteral(R"jp(["1"])jp")
                                 << QStringLiteral("invalid-type");
    QTest::newRow("values string") << QStringLiteral("values('a')") << QStringLiteral("[]")
                                   << QStringLiteral("invalid-type");
    QTest::newRow("expref where value expected")
        << QStringLiteral("length(&a)") << QStringLiteral("[]") << QStringLiteral("invalid-type");
    QTest::newRow("function inside filter")
        << QStringLiteral("[?abs(a)]") << QStringLiteral(R"jp([{"a": "x"}])jp")
        << QStringLiteral("invalid-type");
    QTest::newRow("slice step zero") << QStringLiteral("[::0]") << QStringLiteral("[1]")
                                     << QStringLiteral("invalid-value");
}

void TestJmesPath::memberOrderGuidesKeysValuesAndValueProjections()
{
    // The AWS CLI holds an object's members in the service model's order, not sorted.
    const QJsonValue input = json(R"({"name": "n", "arn": "a", "status": "s"})");
    const JmesPathFunctions::MemberOrder modelOrder = [](const QJsonObject& object) {
        QStringList keys = object.keys();
        std::sort(keys.begin(), keys.end(), [](const QString& l, const QString& r) { return l > r; });
        return keys;
    };
    QCOMPARE(JmesPath::compile(s("keys(@)")).search(input, modelOrder), json(R"(["status", "name", "arn"])"));
    QCOMPARE(JmesPath::compile(s("values(@)")).search(input, modelOrder), json(R"(["s", "n", "a"])"));
    QCOMPARE(JmesPath::compile(s("*")).search(input, modelOrder), json(R"(["s", "n", "a"])"));
    QCOMPARE(JmesPath::compile(s("keys(@)")).search(input), json(R"(["arn", "name", "status"])"));
    const QList<QStringList> expected = {{s("b"), s("a")}, {s("z")}};
    QCOMPARE(JmesPath::compile(s("[{b: x, a: y}, {z: w}]")).hashKeyOrders(), expected);
}

QTEST_GUILESS_MAIN(TestJmesPath)
#include "TestJmesPath.moc"
