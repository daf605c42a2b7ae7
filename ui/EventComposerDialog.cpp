#include "EventComposerDialog.h"

#include "BotocoreJson.h"
#include "DialogFocus.h"
#include "EventTrackerService.h"
#include "HintLabel.h"
#include "Plural.h"
#include "PropertyMapper.h"
#include "RecordingService.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QSplitter>
#include <QTableWidget>
#include <QTimeZone>
#include <QUuid>
#include <QVBoxLayout>

namespace footfall {

namespace {

QLineEdit* makeEdit(const QString& objectName, const QString& accessibleName, QWidget* parent,
                    const QString& placeholder = {})
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setPlaceholderText(placeholder);
    return edit;
}

// Room for `lines` lines of whichever of `labels` shows, kept while none does: hints and results
// come and go as one types and sends, and the fields and buttons around them stay where they are.
// A longer text is cut there and shown whole in its tooltip.
QWidget* reservedArea(std::initializer_list<QLabel*> labels, int lines, int padding = 0)
{
    auto* area = new QWidget;
    auto* stack = new QVBoxLayout(area);
    stack->setContentsMargins(0, 0, 0, 0);
    stack->setSpacing(0);
    int height = 0;
    for (QLabel* label : labels) {
        stack->addWidget(label);
        height = std::max(height, label->fontMetrics().lineSpacing() * lines + padding);
    }
    stack->addStretch(1);
    area->setFixedHeight(height);
    area->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    return area;
}

// `json` laid out one member a line, two spaces an indent; its strings and numbers are kept
// exactly as written (parsing and writing it again could change how numbers are spelt).
QString indentedJson(const QString& json)
{
    QString out;
    int depth = 0;
    bool inString = false;
    const auto newLine = [&] { out += QLatin1Char('\n') + QString(2 * depth, QLatin1Char(' ')); };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const QChar c = json.at(i);
        if (inString) {
            out += c;
            if (c == QLatin1Char('\\') && i + 1 < json.size())
                out += json.at(++i);
            else if (c == QLatin1Char('"'))
                inString = false;
            continue;
        }
        if (c.isSpace())
            continue;
        if (c == QLatin1Char('"')) {
            inString = true;
            out += c;
        } else if (c == QLatin1Char('{') || c == QLatin1Char('[')) {
            qsizetype next = i + 1;
            while (next < json.size() && json.at(next).isSpace())
                ++next;
            if (next < json.size() &&
                (json.at(next) == QLatin1Char('}') || json.at(next) == QLatin1Char(']'))) {
                out += c + json.at(next); // {} and [] stay whole
                i = next;
                continue;
            }
            out += c;
            ++depth;
            newLine();
        } else if (c == QLatin1Char('}') || c == QLatin1Char(']')) {
            --depth;
            newLine();
            out += c;
        } else if (c == QLatin1Char(',')) {
            out += c;
            newLine();
        } else if (c == QLatin1Char(':')) {
            out += QStringLiteral(": ");
        } else {
            out += c;
        }
    }
    return out;
}

QString newSessionId()
{
    return QStringLiteral("session-") + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
}

} // namespace

EventComposerDialog::EventComposerDialog(Workspace& workspace, const QString& trackerArn, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_trackerCombo(new QComboBox(this))
    , m_trackerHint(new HintLabel(QStringLiteral("trackerHint"), this))
    , m_sessionEdit(makeEdit(QStringLiteral("sessionIdEdit"), tr("Session ID"), this))
    , m_sessionHint(new HintLabel(QStringLiteral("sessionIdHint"), this))
    , m_userEdit(makeEdit(QStringLiteral("userIdEdit"), tr("User ID"), this, tr("empty: an anonymous event")))
    , m_userHint(new HintLabel(QStringLiteral("userIdHint"), this))
    , m_eventList(new QListWidget(this))
    , m_listHint(new HintLabel(QStringLiteral("eventListHint"), this))
    , m_addButton(new QPushButton(tr("&Add Event"), this))
    , m_duplicateButton(new QPushButton(tr("Dupli&cate"), this))
    , m_removeButton(new QPushButton(tr("Remo&ve"), this))
    , m_eventTypeEdit(makeEdit(QStringLiteral("eventTypeEdit"), tr("Event type"), this))
    , m_eventTypeHint(new HintLabel(QStringLiteral("eventTypeHint"), this))
    , m_sentAtEdit(new QDateTimeEdit(this))
    , m_sentAtHint(new HintLabel(QStringLiteral("sentAtHint"), this))
    , m_itemIdEdit(makeEdit(QStringLiteral("itemIdEdit"), tr("Item ID"), this))
    , m_itemIdHint(new HintLabel(QStringLiteral("itemIdHint"), this))
    , m_eventValueEdit(
          makeEdit(QStringLiteral("eventValueEdit"), tr("Event value"), this, tr("optional number")))
    , m_eventValueHint(new HintLabel(QStringLiteral("eventValueHint"), this))
    , m_eventIdEdit(
          makeEdit(QStringLiteral("eventIdEdit"), tr("Event ID"), this, tr("optional; generated when empty")))
    , m_eventIdHint(new HintLabel(QStringLiteral("eventIdHint"), this))
    , m_propertiesTable(new QTableWidget(0, 2, this))
    , m_propertiesHint(new HintLabel(QStringLiteral("propertiesHint"), this))
    , m_impressionsEdit(makeEdit(QStringLiteral("impressionsEdit"), tr("Impressions"), this,
                                 tr("item IDs shown with it, separated by commas")))
    , m_impressionsHint(new HintLabel(QStringLiteral("impressionsHint"), this))
    , m_recommendationIdEdit(
          makeEdit(QStringLiteral("recommendationIdEdit"), tr("Recommendation ID"), this, tr("optional")))
    , m_recommendationIdHint(new HintLabel(QStringLiteral("recommendationIdHint"), this))
    , m_sourceEdit(makeEdit(QStringLiteral("attributionSourceEdit"), tr("Attribution source"), this,
                            tr("optional, e.g. email or home-carousel")))
    , m_sourceHint(new HintLabel(QStringLiteral("attributionSourceHint"), this))
    , m_preview(new QPlainTextEdit(this))
    , m_warnings(new QLabel(this))
    , m_resultBanner(new QLabel(this))
    , m_sendButton(new QPushButton(tr("&Send"), this))
{
    setObjectName(QStringLiteral("eventComposerDialog"));
    setWindowTitle(tr("Event composer"));
    buildLayout();
    m_sessionEdit->setText(newSessionId());
    loadTrackers(trackerArn);

    for (QLineEdit* edit : {m_sessionEdit, m_userEdit}) {
        connect(edit, &QLineEdit::textChanged, this, &EventComposerDialog::revalidate);
    }
    for (QLineEdit* edit : {m_eventTypeEdit, m_itemIdEdit, m_eventValueEdit, m_eventIdEdit, m_impressionsEdit,
                            m_recommendationIdEdit, m_sourceEdit}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            storeCurrentEvent();
            revalidate();
        });
    }
    connect(m_sentAtEdit, &QDateTimeEdit::dateTimeChanged, this, [this] {
        storeCurrentEvent();
        revalidate();
    });
    connect(m_propertiesTable, &QTableWidget::cellChanged, this, [this] {
        storeCurrentEvent();
        revalidate();
    });
    connect(m_trackerCombo, &QComboBox::currentIndexChanged, this, [this] {
        updatePropertyKeys();
        revalidate();
    });
    connect(m_eventList, &QListWidget::currentRowChanged, this, &EventComposerDialog::showEvent);
    connect(m_addButton, &QPushButton::clicked, this, &EventComposerDialog::addEvent);
    connect(m_duplicateButton, &QPushButton::clicked, this, &EventComposerDialog::duplicateEvent);
    connect(m_removeButton, &QPushButton::clicked, this, &EventComposerDialog::removeEvent);
    connect(m_sendButton, &QPushButton::clicked, this, &EventComposerDialog::send);
    addEvent();
    const QRect screenArea = screen() ? screen()->availableGeometry() : QRect(0, 0, 1100, 760);
    resize(std::min(1100, screenArea.width() - 40), std::min(760, screenArea.height() - 60));
    DialogFocus::orderAndFocus(this);
}

void EventComposerDialog::buildLayout()
{
    m_trackerCombo->setObjectName(QStringLiteral("trackerCombo"));
    m_trackerCombo->setAccessibleName(tr("Event tracker"));
    auto* newSession = new QPushButton(tr("&New Session"), this);
    newSession->setObjectName(QStringLiteral("newSessionButton"));
    newSession->setToolTip(tr("Start a new anonymous session ID"));
    connect(newSession, &QPushButton::clicked, this, [this] { m_sessionEdit->setText(newSessionId()); });

    auto* top = new QFormLayout;
    top->addRow(tr("&Tracker:"), m_trackerCombo);
    auto* sessionRow = new QHBoxLayout;
    sessionRow->addWidget(m_sessionEdit, 1);
    sessionRow->addWidget(newSession);
    auto* sessionLabel = new QLabel(tr("Session I&D:"), this);
    sessionLabel->setBuddy(m_sessionEdit); // rows holding a layout get no buddy by themselves
    top->addRow(sessionLabel, sessionRow);
    top->addRow(tr("&User ID:"), m_userEdit);
    top->addRow(QString(), reservedArea({m_trackerHint, m_sessionHint, m_userHint}, 2));

    m_eventList->setObjectName(QStringLiteral("eventList"));
    m_eventList->setAccessibleName(tr("Events in this request"));
    m_addButton->setObjectName(QStringLiteral("addEventButton"));
    m_duplicateButton->setObjectName(QStringLiteral("duplicateEventButton"));
    m_removeButton->setObjectName(QStringLiteral("removeEventButton"));
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(m_addButton);
    listButtons->addWidget(m_duplicateButton);
    listButtons->addWidget(m_removeButton);
    auto* listPane = new QWidget(this);
    auto* listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(new QLabel(tr("Events (at most 10):"), listPane));
    listLayout->addWidget(m_eventList, 1);
    listLayout->addLayout(listButtons);
    listLayout->addWidget(reservedArea({m_listHint}, 3));

    m_sentAtEdit->setObjectName(QStringLiteral("sentAtEdit"));
    m_sentAtEdit->setAccessibleName(tr("Sent at"));
    m_sentAtEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_sentAtEdit->setTimeSpec(Qt::UTC);
    m_sentAtEdit->setCalendarPopup(true);
    auto* nowButton = new QPushButton(tr("No&w"), this);
    nowButton->setObjectName(QStringLiteral("nowButton"));
    connect(nowButton, &QPushButton::clicked, this,
            [this] { m_sentAtEdit->setDateTime(QDateTime::currentDateTimeUtc()); });
    auto* sentAtRow = new QHBoxLayout;
    sentAtRow->addWidget(m_sentAtEdit, 1);
    sentAtRow->addWidget(new QLabel(tr("UTC"), this));
    sentAtRow->addWidget(nowButton);

    m_propertiesTable->setObjectName(QStringLiteral("propertiesTable"));
    m_propertiesTable->setAccessibleName(tr("Properties"));
    m_propertiesTable->setHorizontalHeaderLabels({tr("Key (schema column)"), tr("Value")});
    m_propertiesTable->horizontalHeader()->setStretchLastSection(true);
    m_propertiesTable->setColumnWidth(0, 170);
    m_propertiesTable->verticalHeader()->setVisible(false);
    m_propertiesTable->setMinimumHeight(90);
    auto* addProperty = new QPushButton(tr("Add &Property"), this);
    addProperty->setObjectName(QStringLiteral("addPropertyButton"));
    auto* removeProperty = new QPushButton(tr("Rem&ove Property"), this);
    removeProperty->setObjectName(QStringLiteral("removePropertyButton"));
    connect(addProperty, &QPushButton::clicked, this, [this] {
        const int row = m_propertiesTable->rowCount();
        addPropertyRow(m_propertyKeys.value(row % std::max<int>(1, int(m_propertyKeys.size()))), QString());
        m_propertiesTable->editItem(m_propertiesTable->item(row, 1));
        storeCurrentEvent();
        revalidate();
    });
    connect(removeProperty, &QPushButton::clicked, this, [this] {
        m_propertiesTable->removeRow(m_propertiesTable->currentRow() >= 0
                                         ? m_propertiesTable->currentRow()
                                         : m_propertiesTable->rowCount() - 1);
        storeCurrentEvent();
        revalidate();
    });
    auto* propertyButtons = new QHBoxLayout;
    propertyButtons->addWidget(addProperty);
    propertyButtons->addWidget(removeProperty);
    propertyButtons->addStretch(1);
    auto* propertiesBox = new QVBoxLayout;
    propertiesBox->addWidget(m_propertiesTable);
    propertiesBox->addLayout(propertyButtons);

    auto* editor = new QWidget(this);
    auto* form = new QFormLayout(editor);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Event t&ype:"), m_eventTypeEdit);
    auto* sentAtLabel = new QLabel(tr("S&ent at:"), editor);
    sentAtLabel->setBuddy(m_sentAtEdit);
    form->addRow(sentAtLabel, sentAtRow);
    form->addRow(tr("&Item ID:"), m_itemIdEdit);
    form->addRow(tr("Event va&lue:"), m_eventValueEdit);
    form->addRow(tr("Event ID:"), m_eventIdEdit);
    form->addRow(tr("Properties:"), propertiesBox);
    form->addRow(tr("I&mpressions:"), m_impressionsEdit);
    form->addRow(tr("&Recommendation ID:"), m_recommendationIdEdit);
    form->addRow(tr("Attri&bution source:"), m_sourceEdit);
    form->addRow(QString(),
                 reservedArea({m_eventTypeHint, m_sentAtHint, m_itemIdHint, m_eventValueHint, m_eventIdHint,
                               m_propertiesHint, m_impressionsHint, m_recommendationIdHint, m_sourceHint},
                              3));

    auto* splitter = new QSplitter(this);
    splitter->addWidget(listPane);
    splitter->addWidget(editor);
    m_preview->setObjectName(QStringLiteral("jsonPreview"));
    m_preview->setReadOnly(true);
    m_preview->setAccessibleName(tr("PutEvents request as boto3 sends it"));
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap); // indented: a wrapped line would lose its place
    auto* previewPane = new QWidget(this);
    auto* previewLayout = new QVBoxLayout(previewPane);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    auto* previewLabel = new QLabel(
        tr("Request body as boto3 and the AWS CLI send it (on one line; indented here):"), previewPane);
    previewLabel->setWordWrap(true); // else its one line sets the dialog's least width
    previewLayout->addWidget(previewLabel);
    previewLayout->addWidget(m_preview, 1);
    previewLayout->addWidget(m_warnings);
    splitter->addWidget(previewPane);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 2);
    splitter->setSizes({220, 460, 420});

    m_warnings->setObjectName(QStringLiteral("warningsLabel"));
    m_warnings->setWordWrap(true);
    m_warnings->setVisible(false);
    m_warnings->setStyleSheet(
        QStringLiteral("QLabel { background: #fff4d6; color: #5c4400; border: 1px solid #f0d48a; "
                       "border-radius: 4px; padding: 6px; }"));
    m_resultBanner->setObjectName(QStringLiteral("resultBanner"));
    m_resultBanner->setWordWrap(true);
    m_resultBanner->setVisible(false);
    m_resultBanner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setDefault(true);
    m_sendButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_sendButton->setToolTip(tr("Send the request (Ctrl+Enter)"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_sendButton, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // The result shows beside the buttons, in room kept for it: nothing moves when it comes.
    auto* resultRow = new QHBoxLayout;
    resultRow->addWidget(reservedArea({m_resultBanner}, 2, 16), 1);
    resultRow->addWidget(buttons, 0, Qt::AlignBottom);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    layout->addLayout(resultRow);
}

void EventComposerDialog::loadTrackers(const QString& trackerArn)
{
    for (const EventTracker& tracker : m_workspace.eventTrackers().list()) {
        m_trackerCombo->addItem(QStringLiteral("%1 (%2)").arg(
                                    tracker.name, tracker.datasetGroupArn.section(QLatin1Char('/'), -1)),
                                tracker.trackingId);
        m_trackerCombo->setItemData(m_trackerCombo->count() - 1, tracker.arn, Qt::UserRole + 1);
    }
    for (int i = 0; i < m_trackerCombo->count(); ++i) {
        if (m_trackerCombo->itemData(i, Qt::UserRole + 1).toString() == trackerArn)
            m_trackerCombo->setCurrentIndex(i);
    }
    updatePropertyKeys();
}

void EventComposerDialog::updatePropertyKeys()
{
    m_propertyKeys.clear();
    m_numericKeys.clear();
    try {
        const RecordingTarget target =
            m_workspace.recording().resolveTarget(m_trackerCombo->currentData().toString());
        for (const auto& entry : PropertyMapper(target.schema, DatasetType::Interactions).keys()) {
            m_propertyKeys << entry.first;
            m_numericKeys.insert(entry.first, entry.second.type);
        }
    } catch (const ServiceError&) {
        // The tracker hint says what is wrong with the tracker.
    }
    m_propertiesTable->setToolTip(
        m_propertyKeys.isEmpty()
            ? tr("The Interactions schema has no metadata columns")
            : tr("Keys this schema accepts: %1").arg(m_propertyKeys.join(QStringLiteral(", "))));
}

void EventComposerDialog::addEvent()
{
    if (m_drafts.size() >= 10) {
        m_listHint->setProblem(tr("A PutEvents request carries at most 10 events."));
        return;
    }
    EventDraft draft;
    draft.sentAt = QDateTime::currentDateTimeUtc();
    m_drafts.append(draft);
    m_current = int(m_drafts.size()) - 1;
    refreshEventList();
    showEvent(m_current);
}

void EventComposerDialog::duplicateEvent()
{
    if (m_current < 0 || m_drafts.size() >= 10)
        return;
    m_drafts.insert(m_current + 1, m_drafts.at(m_current));
    ++m_current;
    refreshEventList();
    showEvent(m_current);
}

void EventComposerDialog::removeEvent()
{
    if (m_current < 0 || m_drafts.size() <= 1)
        return;
    m_drafts.removeAt(m_current);
    m_current = std::min<int>(m_current, int(m_drafts.size()) - 1);
    refreshEventList();
    showEvent(m_current);
}

void EventComposerDialog::refreshEventList()
{
    const QSignalBlocker blocker(m_eventList);
    m_eventList->clear();
    for (int i = 0; i < m_drafts.size(); ++i) {
        const EventDraft& draft = m_drafts.at(i);
        m_eventList->addItem(QStringLiteral("%1. %2 %3").arg(i + 1).arg(draft.eventType, draft.itemId));
    }
    if (m_current >= 0 && m_current < m_eventList->count())
        m_eventList->setCurrentRow(m_current);
    m_addButton->setEnabled(m_drafts.size() < 10);
    m_removeButton->setEnabled(m_drafts.size() > 1);
    m_duplicateButton->setEnabled(m_drafts.size() < 10);
}

void EventComposerDialog::showEvent(int index)
{
    if (index < 0 || index >= m_drafts.size())
        return;
    m_current = index;
    m_loading = true;
    const EventDraft& draft = m_drafts.at(index);
    m_eventTypeEdit->setText(draft.eventType);
    m_sentAtEdit->setDateTime(draft.sentAt);
    m_itemIdEdit->setText(draft.itemId);
    m_eventValueEdit->setText(draft.eventValue);
    m_eventIdEdit->setText(draft.eventId);
    m_impressionsEdit->setText(draft.impressions);
    m_recommendationIdEdit->setText(draft.recommendationId);
    m_sourceEdit->setText(draft.source);
    m_propertiesTable->setRowCount(0);
    for (const auto& property : draft.properties)
        addPropertyRow(property.first, property.second);
    m_loading = false;
    revalidate();
}

void EventComposerDialog::addPropertyRow(const QString& key, const QString& value)
{
    const int row = m_propertiesTable->rowCount();
    m_propertiesTable->insertRow(row);
    // The keys the schema accepts, to pick from; any other text can still be typed to see the error.
    auto* keys = new QComboBox(m_propertiesTable);
    keys->setObjectName(QStringLiteral("propertyKeyCombo"));
    keys->setEditable(true);
    keys->addItems(m_propertyKeys);
    keys->setCurrentText(key);
    keys->setAccessibleName(tr("Property key"));
    connect(keys, &QComboBox::currentTextChanged, this, [this] {
        storeCurrentEvent();
        revalidate();
    });
    m_propertiesTable->setCellWidget(row, 0, keys);
    m_propertiesTable->setItem(row, 1, new QTableWidgetItem(value));
}

void EventComposerDialog::storeCurrentEvent()
{
    if (m_loading || m_current < 0 || m_current >= m_drafts.size())
        return;
    EventDraft& draft = m_drafts[m_current];
    draft.eventType = m_eventTypeEdit->text();
    draft.sentAt = m_sentAtEdit->dateTime();
    draft.itemId = m_itemIdEdit->text();
    draft.eventValue = m_eventValueEdit->text();
    draft.eventId = m_eventIdEdit->text();
    draft.impressions = m_impressionsEdit->text();
    draft.recommendationId = m_recommendationIdEdit->text();
    draft.source = m_sourceEdit->text();
    draft.properties.clear();
    for (int row = 0; row < m_propertiesTable->rowCount(); ++row) {
        const auto* key = qobject_cast<QComboBox*>(m_propertiesTable->cellWidget(row, 0));
        const QTableWidgetItem* value = m_propertiesTable->item(row, 1);
        draft.properties.append({key ? key->currentText() : QString(), value ? value->text() : QString()});
    }
    if (QListWidgetItem* item = m_eventList->item(m_current))
        item->setText(QStringLiteral("%1. %2 %3").arg(m_current + 1).arg(draft.eventType, draft.itemId));
}

QJsonObject EventComposerDialog::eventJson(const EventDraft& draft) const
{
    QJsonObject event;
    if (!draft.eventId.isEmpty())
        event.insert(QStringLiteral("eventId"), draft.eventId);
    event.insert(QStringLiteral("eventType"), draft.eventType);
    if (!draft.eventValue.trimmed().isEmpty()) {
        bool ok = false;
        const double value = draft.eventValue.trimmed().toDouble(&ok);
        event.insert(QStringLiteral("eventValue"), ok ? QJsonValue(value) : QJsonValue(draft.eventValue));
    }
    if (!draft.itemId.isEmpty())
        event.insert(QStringLiteral("itemId"), draft.itemId);
    if (!draft.properties.isEmpty()) {
        QJsonObject properties;
        for (const auto& [key, text] : draft.properties) {
            const QString type = m_numericKeys.value(key);
            bool ok = false;
            const double number = text.toDouble(&ok);
            if (ok && type != QLatin1String("string") && type != QLatin1String("boolean") && !type.isEmpty())
                properties.insert(key, number);
            else if (type == QLatin1String("boolean") &&
                     (text == QLatin1String("true") || text == QLatin1String("false")))
                properties.insert(key, text == QLatin1String("true"));
            else
                properties.insert(key, text);
        }
        event.insert(QStringLiteral("properties"), BotocoreJson::dumps(properties));
    }
    event.insert(QStringLiteral("sentAt"), double(draft.sentAt.toSecsSinceEpoch()));
    if (!draft.recommendationId.isEmpty())
        event.insert(QStringLiteral("recommendationId"), draft.recommendationId);
    const QStringList impressions =
        draft.impressions.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    if (!impressions.isEmpty())
        event.insert(QStringLiteral("impression"), QJsonArray::fromStringList(impressions));
    if (!draft.source.isEmpty())
        event.insert(QStringLiteral("metricAttribution"),
                     QJsonObject{{QStringLiteral("eventAttributionSource"), draft.source}});
    return event;
}

QJsonObject EventComposerDialog::request() const
{
    QJsonArray events;
    for (const EventDraft& draft : m_drafts)
        events.append(eventJson(draft));
    QJsonObject request{{QStringLiteral("trackingId"), m_trackerCombo->currentData().toString()},
                        {QStringLiteral("sessionId"), m_sessionEdit->text()},
                        {QStringLiteral("eventList"), events}};
    if (!m_userEdit->text().isEmpty())
        request.insert(QStringLiteral("userId"), m_userEdit->text());
    return request;
}

void EventComposerDialog::clearHints()
{
    for (HintLabel* hint : {m_trackerHint, m_sessionHint, m_userHint, m_listHint, m_eventTypeHint,
                            m_sentAtHint, m_itemIdHint, m_eventValueHint, m_eventIdHint, m_propertiesHint,
                            m_impressionsHint, m_recommendationIdHint, m_sourceHint})
        hint->setProblem(std::nullopt);
}

void EventComposerDialog::showProblem(const QString& parameter, const QString& message)
{
    static const QRegularExpression eventPath(QStringLiteral("^eventList\\[(\\d+)\\](?:\\.(\\w+))?"));
    const QRegularExpressionMatch match = eventPath.match(parameter);
    if (!match.hasMatch()) {
        if (parameter == QLatin1String("sessionId"))
            m_sessionHint->setProblem(message);
        else if (parameter == QLatin1String("userId"))
            m_userHint->setProblem(message);
        else if (parameter == QLatin1String("eventList"))
            m_listHint->setProblem(message);
        else
            m_trackerHint->setProblem(message);
        return;
    }
    const int index = match.captured(1).toInt();
    const QString field = match.captured(2);
    if (index != m_current || field.isEmpty()) {
        m_listHint->setProblem(tr("Event %1: %2").arg(index + 1).arg(message));
        if (index != m_current)
            return;
    }
    const QHash<QString, HintLabel*> hints = {
        {QStringLiteral("eventType"), m_eventTypeHint},
        {QStringLiteral("sentAt"), m_sentAtHint},
        {QStringLiteral("itemId"), m_itemIdHint},
        {QStringLiteral("eventValue"), m_eventValueHint},
        {QStringLiteral("eventId"), m_eventIdHint},
        {QStringLiteral("properties"), m_propertiesHint},
        {QStringLiteral("impression"), m_impressionsHint},
        {QStringLiteral("recommendationId"), m_recommendationIdHint},
        {QStringLiteral("metricAttribution"), m_sourceHint},
    };
    if (HintLabel* hint = hints.value(field))
        hint->setProblem(message);
}

void EventComposerDialog::revalidate()
{
    clearHints();
    const QJsonObject current = request();
    m_preview->setPlainText(indentedJson(BotocoreJson::putEventsBody(current)));
    if (m_trackerCombo->count() == 0) {
        m_trackerHint->setProblem(
            tr("There is no event tracker yet: create one (Personalize ▸ New Event Tracker…)."));
        m_sendButton->setEnabled(false);
        return;
    }
    try {
        const ValidatedPutEvents validated = m_workspace.recording().validate(current);
        QStringList warnings;
        for (const RequestWarning& warning : validated.warnings)
            warnings << QStringLiteral("%1: %2").arg(warning.path, warning.message);
        m_warnings->setText(
            tr("Warnings (the request is still accepted):\n%1").arg(warnings.join(QLatin1Char('\n'))));
        m_warnings->setVisible(!warnings.isEmpty());
        m_sendButton->setEnabled(true);
    } catch (const ServiceError& error) {
        showProblem(error.parameter(), error.message());
        m_warnings->setVisible(false);
        m_sendButton->setEnabled(false);
    } catch (const StorageError& error) {
        m_trackerHint->setProblem(error.message());
        m_sendButton->setEnabled(false);
    }
}

void EventComposerDialog::send()
{
    const QJsonObject current = request();
    QString banner;
    bool failed = false;
    try {
        const PutEventsResult result = m_workspace.recording().putEvents(
            current, {QStringLiteral("console"), BotocoreJson::putEventsBody(current), {}, {}});
        banner = tr("Request %1: recorded %2")
                     .arg(result.requestId)
                     .arg(plural(result.recorded, tr("event"), tr("events")));
        if (result.duplicates > 0)
            banner += tr("; %1 kept once as duplicate of a stored event")
                          .arg(QLocale().toString(result.duplicates));
        if (result.notForTraining > 0)
            banner += tr("; %1 not used for training (eventId used before)")
                          .arg(QLocale().toString(result.notForTraining));
        if (!result.warnings.isEmpty())
            banner += tr("; %1").arg(plural(result.warnings.size(), tr("warning"), tr("warnings")));
        banner += QLatin1Char('.');
        emit eventsRecorded();
    } catch (const ServiceError& error) {
        banner = tr("Rejected: %1: %2").arg(error.typeName(), error.message());
        failed = true;
    } catch (const StorageError& error) {
        banner = tr("Not recorded: %1").arg(error.message());
        failed = true;
    }
    m_resultBanner->setText(banner);
    m_resultBanner->setToolTip(banner);
    m_resultBanner->setStyleSheet(
        failed ? QStringLiteral("QLabel { background: #fdecea; color: #8a1c1c; border: 1px solid "
                                "#f5c2c0; border-radius: 4px; padding: 6px; }")
               : QStringLiteral("QLabel { background: #e6f4ea; color: #1e4620; border: 1px solid "
                                "#b7dfc0; border-radius: 4px; padding: 6px; }"));
    m_resultBanner->setVisible(true);
}

} // namespace footfall
