#include "SchemaService.h"

#include "Arn.h"
#include "AvroSchema.h"
#include "Database.h"
#include "DatasetGroupService.h"
#include "FieldRule.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "TransactionGuard.h"

#include <QVariant>

namespace footfall {

SchemaService::SchemaService(Database& database, const ServiceConfig& config)
    : m_database(database)
    , m_config(config)
{}

void SchemaService::validate(const QString& name, const QString& definition, const QString& domain)
{
    FieldRule::resourceName().enforce(QStringLiteral("name"), name);
    if (!domain.isEmpty() && !DatasetGroupService::domains().contains(domain)) {
        throw ServiceError::invalidInput(
            QStringLiteral("Invalid value for parameter domain, value: \"%1\", valid "
                           "values: ECOMMERCE, VIDEO_ON_DEMAND")
                .arg(domain),
            QStringLiteral("domain"));
    }
    checkDefinition(definition, domain);
    const auto existing = select(QStringLiteral("name = ?"), {name});
    if (!existing.isEmpty()) {
        throw ServiceError(
            ErrorCode::ResourceAlreadyExists,
            QStringLiteral("A schema named %1 already exists: %2").arg(name, existing.first().arn),
            QStringLiteral("name"));
    }
}

AvroSchema SchemaService::checkDefinition(const QString& definition, const QString& domain)
{
    AvroSchema schema = AvroSchema::parse(definition);
    if (const auto declared = schema.declaredType())
        schema.validateFor(*declared, domain);
    return schema;
}

DatasetSchema SchemaService::create(const QString& name, const QString& definition, const QString& domain)
{
    TransactionGuard transaction(m_database);
    validate(name, definition, domain);
    QSqlQuery insert = m_database.prepare(QStringLiteral(
        "INSERT INTO schema_def (name, arn, domain, definition, created_ms) VALUES (?, ?, ?, ?, ?)"));
    insert.addBindValue(name);
    insert.addBindValue(Arn::build(m_config, QStringLiteral("schema"), name));
    insert.addBindValue(domain.isEmpty() ? QVariant() : QVariant(domain));
    insert.addBindValue(definition);
    insert.addBindValue(m_config.nowMs());
    Database::execute(insert);
    const qint64 id = insert.lastInsertId().toLongLong();
    transaction.commit();
    return select(QStringLiteral("id = ?"), {id}).first();
}

DatasetSchema SchemaService::describe(const QString& arn)
{
    return require(arn);
}

QList<DatasetSchema> SchemaService::list()
{
    return select(QString(), {});
}

void SchemaService::remove(const QString& arn)
{
    TransactionGuard transaction(m_database);
    checkRemovable(arn);
    const DatasetSchema schema = require(arn);
    QSqlQuery remove = m_database.prepare(QStringLiteral("DELETE FROM schema_def WHERE id = ?"));
    remove.addBindValue(schema.id);
    Database::execute(remove);
    transaction.commit();
}

void SchemaService::checkRemovable(const QString& arn)
{
    const DatasetSchema schema = require(arn);
    QSqlQuery users = m_database.prepare(
        QStringLiteral("SELECT group_concat(name, ', ') FROM dataset WHERE schema_id = ?"));
    users.addBindValue(schema.id);
    Database::execute(users);
    Database::nextRow(users);
    if (const QString datasets = users.value(0).toString(); !datasets.isEmpty()) {
        throw ServiceError(ErrorCode::ResourceInUse,
                           QStringLiteral("Schema %1 is used by the dataset(s) %2; delete them first")
                               .arg(schema.name, datasets));
    }
}

std::optional<DatasetSchema> SchemaService::findByArn(const QString& arn)
{
    const auto found = select(QStringLiteral("arn = ?"), {arn});
    return found.isEmpty() ? std::nullopt : std::optional<DatasetSchema>(found.first());
}

DatasetSchema SchemaService::require(const QString& arn, const QString& parameter)
{
    FieldRule::arn().enforce(parameter, arn);
    if (auto schema = findByArn(arn))
        return *schema;
    throw ServiceError::notFound(QStringLiteral("Could not find schema %1").arg(arn));
}

QList<DatasetSchema> SchemaService::select(const QString& where, const QVariantList& values)
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT id, name, arn, domain, definition, created_ms FROM schema_def ") +
        (where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where) + QStringLiteral(" ORDER BY name"));
    for (const QVariant& value : values)
        query.addBindValue(value);
    Database::execute(query);
    QList<DatasetSchema> schemas;
    while (Database::nextRow(query)) {
        DatasetSchema schema;
        schema.id = query.value(0).toLongLong();
        schema.name = query.value(1).toString();
        schema.arn = query.value(2).toString();
        schema.domain = query.value(3).toString();
        schema.definition = query.value(4).toString();
        schema.createdMs = query.value(5).toLongLong();
        schemas.append(schema);
    }
    return schemas;
}

} // namespace footfall
