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

std::optional<QString> FieldRule::check(const QString& path, const QString& value) const
{
    const int length = lengthOf(value);
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
