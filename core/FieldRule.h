#pragma once

#include <QRegularExpression>
#include <QString>

#include <optional>

namespace footfall {

// One string constraint from the service model: length bounds and an optional pattern.
// check() gives the message botocore would print (for lengths) or its analogue (for patterns),
// naming the parameter path, so the console, the command line and the endpoint all say the same.
class FieldRule
{
public:
    FieldRule(int minLength, int maxLength, const QString& pattern = {}, const QString& patternHint = {});

    std::optional<QString> check(const QString& path, const QString& value) const;
    // Throws ServiceError(InvalidInput) with check()'s message.
    void enforce(const QString& path, const QString& value) const;

    int minLength() const { return m_minLength; }
    int maxLength() const { return m_maxLength; }

    // Length as AWS counts it: Unicode code points.
    static int lengthOf(const QString& value);
    // Why `text` is not Unicode text that Footfall stores: an unpaired UTF-16 surrogate (JSON lets
    // "\ud800" through, and it has no UTF-8 form) or a NUL character; empty when it is fine.
    static QString textProblem(const QString& text);

    static const FieldRule& resourceName();
    static const FieldRule& arn();
    static const FieldRule& roleArn();
    static const FieldRule& kmsKeyArn();
    static const FieldRule& tagKey();
    static const FieldRule& tagValue();
    static const FieldRule& avroSchema();
    static const FieldRule& datasetType();

private:
    int m_minLength;
    int m_maxLength;
    QRegularExpression m_pattern;
    QString m_patternText;
    QString m_patternHint;
};

} // namespace footfall
