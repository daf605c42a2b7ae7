#include "FieldRule.h"

#include "ServiceError.h"

namespace footfall {

FieldRule::FieldRule(int minLength, int maxLength, const QString& pattern, const QString& patternHint)
    : m_minLength(minLength)
    , m_maxLength(maxLength)
    // Anchored with \A and \z: "$" alone would also accept a trailing newline.
    , m_pattern(QRegularExpression::anchoredPattern(
          QString(pattern).remove(QRegularExpression(QStringLiteral("^\\^|\\$$")))))
    , m_patternText(pattern)
    , m_patternHint(patternHint)
{}

int FieldRule::lengthOf(const QString& value)
{
    int length = 0;
    for (int i = 0; i < value.size(); ++i) {
        if (value.at(i).isHighSurrogate() && i + 1 < value.size() && value.at(i + 1).isLowSurrogate())
            ++i;
        ++length;
    }
    return length;
}

QString FieldRule::textProblem(const QString& text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.unicode() == 0)
            return QStringLiteral("it has a NUL character (\\u0000) at character %1").arg(i + 1);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        if (c.isSurrogate()) {
            return QStringLiteral("it has an unpaired surrogate (\\u%1) at character %2, which is not "
                                  "Unicode text")
                .arg(c.unicode(), 4, 16, QLatin1Char('0'))
                .arg(i + 1);
        }
    }
    return {};
}

std::optional<QString> FieldRule::check(const QString& path, const QString& value) const
{
    // Lengths and the text in one pass: this runs for every string of every event.
    int length = 0;
    bool plain = true;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c.isHighSurrogate() && i + 1 < value.size() && value.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.unicode() == 0 || c.isSurrogate())
            plain = false;
        ++length;
    }
    if (length < m_minLength) {
        return QStringLiteral("Invalid length for parameter %1, value: %2, valid min length: %3")
            .arg(path)
            .arg(length)
            .arg(m_minLength);
    }
    if (m_maxLength >= 0 && length > m_maxLength) {
        return QStringLiteral("Invalid length for parameter %1, value: %2, valid max length: %3")
            .arg(path)
            .arg(length)
            .arg(m_maxLength);
    }
    if (!plain)
        return QStringLiteral("Invalid value for parameter %1: %2").arg(path, textProblem(value));
    if (!m_patternText.isEmpty() && !m_pattern.match(value).hasMatch()) {
        QString message = QStringLiteral("Invalid value for parameter %1, value: \"%2\", valid pattern: %3")
                              .arg(path, value, m_patternText);
        if (!m_patternHint.isEmpty())
            message += QStringLiteral(" (%1)").arg(m_patternHint);
        return message;
    }
    return std::nullopt;
}

void FieldRule::enforce(const QString& path, const QString& value) const
{
    if (const auto message = check(path, value))
        throw ServiceError::invalidInput(*message, path);
}

const FieldRule& FieldRule::resourceName()
{
    static const FieldRule rule(1, 63, QStringLiteral("^[a-zA-Z0-9][a-zA-Z0-9\\-_]*$"),
                                QStringLiteral("a letter or digit first, then letters, digits, '-' or '_'"));
    return rule;
}

const FieldRule& FieldRule::arn()
{
    static const FieldRule rule(0, 256, QStringLiteral("^arn:([a-z\\d-]+):personalize:.*:.*:.+$"),
                                QStringLiteral("an ARN such as arn:aws:personalize:us-east-1:000000000000:"
                                               "dataset-group/name"));
    return rule;
}

const FieldRule& FieldRule::roleArn()
{
    static const FieldRule rule(
        0, 256, QStringLiteral("^arn:([a-z\\d-]+):iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$"),
        QStringLiteral("an IAM role ARN such as arn:aws:iam::000000000000:role/name"));
    return rule;
}

const FieldRule& FieldRule::kmsKeyArn()
{
    static const FieldRule rule(0, 2048, QStringLiteral("^arn:aws.*:kms:.*:[0-9]{12}:key/.*$"),
                                QStringLiteral("a KMS key ARN"));
    return rule;
}

const FieldRule& FieldRule::tagKey()
{
    static const FieldRule rule(1, 128, QStringLiteral("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$"));
    return rule;
}

const FieldRule& FieldRule::tagValue()
{
    static const FieldRule rule(0, 256, QStringLiteral("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$"));
    return rule;
}

const FieldRule& FieldRule::avroSchema()
{
    static const FieldRule rule(0, 20000);
    return rule;
}

const FieldRule& FieldRule::datasetType()
{
    static const FieldRule rule(0, 256, QStringLiteral("^[A-Za-z_]+$"));
    return rule;
}

} // namespace footfall
